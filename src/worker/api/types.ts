// What crosses the wire between the coordinator and a worker (the bodies and
// answers of the HTTP API in routes.ts, validated by schemas.ts).
import type { KeyDistributorType } from "../../config/types";
import type { PayloadSpec } from "../../message/payload";
import type { Pacing } from "../../pacer/limiter";
import type { ProducerReport, SubscriptionReport, SystemSample, CountersStats, CumulativeLatencies, PeriodStats } from "../../stats/types";

export type LoadState = "idle" | "initialized" | "running" | "stopped";

export interface ChildCrash {
  child: number;
  exitCode: number | null;
  signal: string | null;
  producers: string[];
  consumers: string[];
  /** Added by the worker: set when the worker gave up on a live child (e.g. no answer to stop) and killed it. */
  reason?: string;
}

export interface WorkerHealth {
  id: string;
  version: string;
  processes: number;
  state: LoadState;
  uptimeSeconds: number;
  /** Silence (no coordinator call) after which the worker tears its session down; 0 when off. */
  deadmanSeconds?: number;
  crashed: ChildCrash[];
  /** Added by the worker: one entry per child process of the current run (empty when idle). */
  children?: ChildStatus[];
  /** Added by the HTTP server as it answers: its wall clock, ms since epoch (sub-ms digits), for the coordinator's clock offset estimate. */
  now?: number;
}

export interface ChildStatus {
  index: number;
  pid: number;
  alive: boolean;
  producers: number;
  consumers: number;
}

/** Stats answers also name the children that died, so a loss is never silent. */
export interface WorkerPeriodStats extends PeriodStats {
  crashed: ChildCrash[];
}
export interface WorkerCumulativeLatencies extends CumulativeLatencies {
  crashed: ChildCrash[];
}
export interface WorkerCounters extends CountersStats {
  crashed: ChildCrash[];
}

/** Ids are chosen by the coordinator and unique within a run. */
export interface ProducerAssignment {
  id: string;
  topic: string;
}

export interface ConsumerAssignment {
  id: string;
  topic: string;
  /** Consumer group name. */
  subscription: string;
}

export interface LoadAssignment {
  /** msg/s for this whole worker (its share of the run's total), split evenly over its producers. */
  workerRate: number;
  payload: PayloadSpec;
  keyDistributor: KeyDistributorType;
  /** Limiter schedule: even spacing (default) or bursts of up to burstSize at once. */
  pacing?: Pacing;
}

export interface ConsumersReadiness {
  ready: boolean;
  /** Consumer ids without assigned partitions yet (those on a crashed child stay here). */
  pending: string[];
}

export interface StopResult {
  workerId: string;
  producers: ProducerReport[];
  /** One per subscription that this worker's consumers belong to, merged over its children. */
  subscriptions: SubscriptionReport[];
  crashed: ChildCrash[];
  system: SystemSample[];
}
