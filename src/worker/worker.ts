// The coordinator's view of one worker (Java OMB's Worker interface): the HTTP
// client implements it; `omb worker` serves it. Routes live in api-routes.ts.
import type { DriverConfig, KeyDistributorType } from "../config/types";
import type { TopicSpec } from "../drivers/driver";
import type {
  CountersStats,
  CumulativeLatencies,
  PeriodStats,
  ProducerReport,
  SubscriptionReport,
  SystemSample,
} from "../stats/types";

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
  crashed: ChildCrash[];
  /** Added by the worker: one entry per child process of the current run (empty when idle). */
  children?: ChildStatus[];
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

export type PayloadSpec =
  | { kind: "file"; base64: string }
  | { kind: "random"; size: number; randomBytesRatio: number; poolSize: number }
  | { kind: "zeros"; size: number };

export interface LoadAssignment {
  /** msg/s for this whole worker, split evenly over its producers. */
  publishRate: number;
  payload: PayloadSpec;
  keyDistributor: KeyDistributorType;
  /** Limiter schedule: even spacing (default) or bursts of up to burstSize at once. */
  pacing?: { mode: "uniform" } | { mode: "bursty"; burstSize: number };
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

export interface Worker {
  /** URL or name, used in every message about this worker. */
  readonly id: string;
  health(): Promise<WorkerHealth>;
  initializeDriver(driver: DriverConfig): Promise<void>;
  createTopics(topics: TopicSpec[]): Promise<void>;
  deleteTopics(names: string[]): Promise<{ name: string; error: string }[]>;
  listTopics(prefix: string): Promise<string[]>;
  createProducers(producers: ProducerAssignment[]): Promise<void>;
  createConsumers(consumers: ConsumerAssignment[]): Promise<void>;
  consumersReady(): Promise<ConsumersReadiness>;
  /** Every producer sends one probe message; consumers count them apart. */
  probeProducers(): Promise<void>;
  startLoad(assignment: LoadAssignment): Promise<void>;
  adjustRate(publishRate: number): Promise<void>;
  pauseConsumers(): Promise<void>;
  resumeConsumers(): Promise<void>;
  periodStats(): Promise<WorkerPeriodStats>;
  cumulativeLatencies(): Promise<WorkerCumulativeLatencies>;
  counters(): Promise<WorkerCounters>;
  /** Clears cumulative and period stats (end of warmup). */
  resetStats(): Promise<void>;
  /** Producers stop and flush; consumers keep consuming. Final producer reports. */
  stopLoad(): Promise<ProducerReport[]>;
  /** Everything stops and closes; the worker returns to idle. */
  stop(): Promise<StopResult>;
}
