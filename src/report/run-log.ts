// What a run tells as it goes, for whoever renders it (plain lines, a live TTY
// line): the coordinator reports through RunLog; report/ draws it.
import type { PeriodFigures } from "../result/period";
import type { CumulativeLatencies } from "../stats/types";

export type PhaseName = "setup" | "readiness" | "warmup" | "measured" | "stopping" | "draining" | "cleanup";

export interface ProgressState {
  phase: PhaseName;
  /** Seconds into the phase and its planned length (0 when open-ended). */
  elapsedSeconds: number;
  totalSeconds: number;
  /** Latest period, when one was measured. */
  latest?: PeriodFigures;
  targetRate: number;
}

/** Where a run reports as it goes; the CLI renders it (plain lines or a live TTY line). */
export interface RunLog {
  info(message: string): void;
  warn(message: string): void;
  period(figures: PeriodFigures): void;
  /** The measured phase's merged latencies, as Java OMB's closing "Aggregated" line. */
  aggregated(latencies: CumulativeLatencies): void;
  progress(state: ProgressState): void;
}
