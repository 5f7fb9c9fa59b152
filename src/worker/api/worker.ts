// The coordinator's view of one worker (Java OMB's Worker interface): the HTTP
// client implements it; `omb worker` serves it. Routes live in routes.ts, the
// wire types in types.ts.
import type { DriverConfig } from "../../config/types";
import type { TopicSpec } from "../../drivers/driver";
import type { ProducerReport } from "../../stats/types";
import type {
  ConsumerAssignment,
  ConsumersReadiness,
  LoadAssignment,
  ProducerAssignment,
  StopResult,
  WorkerCounters,
  WorkerCumulativeLatencies,
  WorkerHealth,
  WorkerPeriodStats,
} from "./types";

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
  adjustRate(workerRate: number): Promise<void>;
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
