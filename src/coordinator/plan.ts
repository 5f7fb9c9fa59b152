// The plan of one run, computed before any worker is touched: test id, topic
// names, and which worker runs which producer and consumer (Java OMB's
// DistributedWorkersEnsemble split). Pure; the run step executes it.
import type { Workload } from "../config/types";
import type { TopicSpec } from "../drivers/driver";
import type { ConsumerAssignment, ProducerAssignment } from "../worker/api/types";

export interface RoleSplit {
  /** Creates the topics (Java OMB's leader). */
  leader: string;
  producerWorkers: string[];
  consumerWorkers: string[];
}

export interface SubscriptionRef {
  topic: string;
  subscription: string;
}

export interface RunPlan {
  testId: string;
  /** Every topic of the run starts with it, so leftovers can be found. */
  topicPrefix: string;
  topics: TopicSpec[];
  roles: RoleSplit;
  producersByWorker: Record<string, ProducerAssignment[]>;
  consumersByWorker: Record<string, ConsumerAssignment[]>;
  subscriptions: SubscriptionRef[];
  producerCount: number;
  /** Workers that got at least one producer (consumer); with few topics some get none. */
  workersWithProducers: string[];
  workersWithConsumers: string[];
}

/** Fixed start of every topic omb creates. */
export const TOPIC_PREFIX = "omb-";

/**
 * Java OMB's split: half the workers produce, `-x` gives (n+2)/3 producer
 * workers so the rest consume; a single worker takes both roles.
 */
export function splitRoles(workerIds: string[], extraConsumerWorkers: boolean): RoleSplit {
  const leader = workerIds[0];
  if (leader === undefined) throw new Error("a run needs at least one worker");
  if (workerIds.length === 1) return { leader, producerWorkers: [leader], consumerWorkers: [leader] };
  const n = workerIds.length;
  const producerCount = extraConsumerWorkers ? Math.floor((n + 2) / 3) : Math.floor(n / 2);
  return {
    leader,
    producerWorkers: workerIds.slice(0, producerCount),
    consumerWorkers: workerIds.slice(producerCount),
  };
}

/** Lowercase letters, digits and single dashes: safe in topic and file names. */
export function slug(text: string, maxLength = 40): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/, "");
  return s || "workload";
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** yyyymmdd-hhmmss in local time. */
export function compactTimestamp(at: Date): string {
  return (
    `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-` +
    `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`
  );
}

export function testIdFor(workloadName: string, at: Date): string {
  return `${slug(workloadName)}-${compactTimestamp(at)}`;
}

/** Round-robin dealing, as Java OMB's ListPartition. */
function deal<T>(items: T[], workers: string[]): Record<string, T[]> {
  const out: Record<string, T[]> = Object.fromEntries(workers.map((w) => [w, [] as T[]]));
  items.forEach((item, i) => out[workers[i % workers.length]!]!.push(item));
  return out;
}

export interface PlanOptions {
  workerIds: string[];
  extraConsumerWorkers: boolean;
  startedAt: Date;
}

export function planRun(workload: Workload, options: PlanOptions): RunPlan {
  const testId = testIdFor(workload.name, options.startedAt);
  const topicPrefix = `${TOPIC_PREFIX}${testId}-`;
  const topics = Array.from({ length: workload.topics }, (_, t) => ({
    name: `${topicPrefix}${t}`,
    partitions: workload.partitionsPerTopic,
  }));
  const roles = splitRoles(options.workerIds, options.extraConsumerWorkers);

  // Topic-major inner loop so that dealing spreads every topic over the workers.
  const producers: ProducerAssignment[] = [];
  for (let p = 0; p < workload.producersPerTopic; p++) {
    for (const topic of topics) producers.push({ id: `p${producers.length}`, topic: topic.name });
  }

  // One consumer group per (topic, subscription index), shared by its consumers.
  const subscriptions: SubscriptionRef[] = [];
  const consumers: ConsumerAssignment[] = [];
  for (const topic of topics) {
    for (let s = 0; s < workload.subscriptionsPerTopic; s++) {
      const ref = { topic: topic.name, subscription: `${topic.name}-sub-${s}` };
      subscriptions.push(ref);
      for (let c = 0; c < workload.consumerPerSubscription; c++) {
        consumers.push({ id: `c${consumers.length}`, ...ref });
      }
    }
  }

  const producersByWorker = deal(producers, roles.producerWorkers);
  const consumersByWorker = deal(consumers, roles.consumerWorkers);
  const used = (byWorker: Record<string, unknown[]>) => Object.keys(byWorker).filter((w) => byWorker[w]!.length > 0);
  return {
    testId,
    topicPrefix,
    topics,
    roles,
    producersByWorker,
    consumersByWorker,
    subscriptions,
    producerCount: producers.length,
    workersWithProducers: used(producersByWorker),
    workersWithConsumers: used(consumersByWorker),
  };
}

/**
 * The publish rate of each producer worker: the total split in proportion to
 * the producers it runs, so every producer gets the same share.
 */
export function rateShares(plan: RunPlan, totalRate: number): Record<string, number> {
  const shares: Record<string, number> = {};
  for (const [worker, producers] of Object.entries(plan.producersByWorker)) {
    if (producers.length > 0) shares[worker] = (totalRate * producers.length) / plan.producerCount;
  }
  return shares;
}
