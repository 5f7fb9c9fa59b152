// Where a run's log goes: consola lines, one Java OMB line per stats period,
// and on a terminal a live progress line at the bottom of stderr that log
// lines are printed above. Not a terminal: plain lines only.
import { consola } from "consola";
import type { ProgressState, RunLog } from "./run-log";
import type { PeriodFigures } from "../result/period";
import { latencyFigures } from "../result/latency";
import { decodeHistogram } from "../stats/histogram";
import type { CumulativeLatencies } from "../stats/types";
import { aggregatedLine, periodLine } from "./period-line";
import { progressLine } from "./progress";

export interface RunConsoleOptions {
  /** Draw the live line (stderr is a terminal). */
  live: boolean;
  stream?: NodeJS.WriteStream;
}

const CLEAR_LINE = "\r\x1b[2K";

export class RunConsole implements RunLog {
  private state?: ProgressState;
  private drawn = false;
  private readonly stream: NodeJS.WriteStream;

  constructor(private readonly options: RunConsoleOptions) {
    this.stream = options.stream ?? process.stderr;
  }

  info(message: string): void {
    this.above(() => consola.info(message));
  }

  warn(message: string): void {
    this.above(() => consola.warn(message));
  }

  period(figures: PeriodFigures): void {
    const tag = figures.phase === "warmup" ? "[warmup] " : "";
    // Figures, not log lines: plain on stdout, the same whatever consola's
    // reporter (in CI it would prefix "[log]" and break line-based tooling).
    this.print(`${tag}${periodLine(figures)}`);
  }

  aggregated(latencies: CumulativeLatencies): void {
    const f = (encoded: string, unit: "ms" | "us") => latencyFigures(decodeHistogram(encoded), unit);
    const line = aggregatedLine(f(latencies.publishLatency, "ms"), f(latencies.publishDelay, "us"), f(latencies.endToEndLatency, "ms"));
    this.print(line);
  }

  /** Any other output (the summary) goes through here while a live line may be drawn. */
  print(text: string): void {
    this.above(() => console.log(text));
  }

  progress(state: ProgressState): void {
    this.state = state;
    if (this.options.live) this.draw();
  }

  /** Removes the live line for good. */
  close(): void {
    this.clear();
    this.state = undefined;
  }

  private above(write: () => void): void {
    this.clear();
    write();
    if (this.options.live && this.state) this.draw();
  }

  private draw(): void {
    if (!this.state) return;
    const width = this.stream.columns || 120;
    this.stream.write(`${CLEAR_LINE}${progressLine(this.state, width - 1)}`);
    this.drawn = true;
  }

  private clear(): void {
    if (!this.drawn) return;
    this.stream.write(CLEAR_LINE);
    this.drawn = false;
  }
}
