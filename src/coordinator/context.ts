// What the steps of one run share: the plan, the workers, the bounds, the log,
// and the record of everything that happened, which becomes the test result.
import type { Workload } from "../config/types";
import type { PeriodFigures } from "../result/period";
import type { BacklogTest, MaxRateDiscovery } from "../result/types";
import type { CumulativeLatencies, ProducerReport, SystemSample } from "../stats/types";
import type { ChildCrash, StopResult, WorkerHealth } from "../worker/worker";
import type { Ensemble } from "./ensemble";
import type { RunPlan } from "./plan";

/** Bounds of each step, ms. */
export interface Bounds {
  /** A worker call that answers at once (counters, readiness, rate). */
  quickCall: number;
  /** Initialize, create producers/consumers, start load, probe. */
  setupCall: number;
  /** Create or delete topics. */
  topicCall: number;
  /** Period stats and cumulative latencies. */
  statsCall: number;
  /** Producers flush every send (acked or failed). */
  stopLoad: number;
  stop: number;
  /** Every consumer has partitions and every probe arrived. */
  readiness: number;
  /** Consumers catch up with what was acked; stops early when they make no progress. */
  drain: number;
  drainStall: number;
  /** Backlog build plus drain. */
  backlog: number;
}

export const DEFAULT_BOUNDS: Bounds = {
  quickCall: 10_000,
  setupCall: 60_000,
  topicCall: 120_000,
  statsCall: 30_000,
  stopLoad: 120_000,
  stop: 60_000,
  readiness: 60_000,
  drain: 60_000,
  drainStall: 15_000,
  backlog: 30 * 60_000,
};

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

export interface WorkerPeriodTotals {
  messagesSent: number;
  messagesReceived: number;
  publishErrors: number;
  system: SystemSample[];
}

/** Everything a run learned, filled in step by step; becomes the test result. */
export interface RunRecord {
  startedAt: Date;
  /** Current target msg/s (changes under max-rate discovery). */
  targetRate: number;
  statsIntervalMs: number;
  health: Map<string, WorkerHealth>;
  periods: PeriodFigures[];
  /** Measured phase only, per worker. */
  perWorker: Map<string, WorkerPeriodTotals>;
  cumulative?: CumulativeLatencies;
  /** The measured periods' histograms merged as they arrive (the fallback when a worker is lost). */
  measuredLatencies?: CumulativeLatencies;
  producerReports: Map<string, ProducerReport[]>;
  stopResults: Map<string, StopResult>;
  crashed: Map<string, ChildCrash[]>;
  problems: string[];
  /** The signal that interrupted the run. */
  aborted?: string;
  /** Creation was asked for: some or all topics may exist and need deleting. */
  topicsAttempted: boolean;
  loadStarted: boolean;
  measuredStarted: boolean;
  measuredCompleted: boolean;
  maxRate?: MaxRateDiscovery;
  backlogTest?: BacklogTest;
}

export interface RunContext {
  record: RunRecord;
  plan: RunPlan;
  workload: Workload;
  ensemble: Ensemble;
  bounds: Bounds;
  log: RunLog;
  signal: AbortSignal;
}
