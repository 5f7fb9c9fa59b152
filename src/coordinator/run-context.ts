// What the steps of one run share: the plan, the workers, the bounds, the log,
// and the record of everything that happened, which becomes the test result.
import type { Workload } from "../config/types";
import type { PeriodFigures } from "../result/period";
import type { BacklogTest, MaxRateDiscovery } from "../result/types";
import type { RunLog } from "../report/run-log";
import type { CumulativeLatencies, ProducerReport, SystemSample } from "../stats/types";
import type { ChildCrash, StopResult, WorkerHealth } from "../worker/api/types";
import type { Bounds } from "./bounds";
import type { Ensemble } from "./ensemble";
import type { RunPlan } from "./plan";

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
  /** The broker confirmed the creation; when it never did, there is nothing to delete. */
  topicsCreated?: boolean;
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
