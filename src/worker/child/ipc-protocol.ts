// What the worker parent and its children say to each other over Bun's IPC
// channel (serialization "json"). Every op has an args schema (checked by the
// child) and a result schema (checked by the parent), so neither side trusts
// the other's bytes.
import * as v from "valibot";
import type { ProcessPeriodStats } from "../../stats/stats-recorder";
import type {
  CountersStats,
  CumulativeLatencies,
  ProducerReport,
  SubscriptionReport,
} from "../../stats/types";
import {
  consumerAssignmentsSchema,
  driverConfigSchema,
  keyDistributorSchema,
  pacingSchema,
  payloadSpecSchema,
  producerAssignmentsSchema,
  topicSpecSchema,
} from "../api/schemas";

const none = v.strictObject({});
const counts = v.record(v.string(), v.number());
const histograms = {
  publishLatency: v.string(),
  publishDelay: v.string(),
  intendedPublishLatency: v.string(),
  endToEndLatency: v.string(),
};

const latenciesSchema = v.object(histograms);

const childPeriodStatsSchema = v.object({
  ...histograms,
  startedAt: v.number(),
  endedAt: v.number(),
  messagesSent: v.number(),
  bytesSent: v.number(),
  messageSendErrors: v.number(),
  errorsByType: counts,
  messagesReceived: v.number(),
  bytesReceived: v.number(),
  totalMessagesSent: v.number(),
  totalMessagesReceived: v.number(),
  receivedBySubscription: v.optional(counts),
  latenciesOutOfRange: v.optional(v.partial(v.object({
    publishLatency: v.number(),
    publishDelay: v.number(),
    intendedPublishLatency: v.number(),
    endToEndLatency: v.number(),
  }))),
});

const countersSchema = v.object({
  messagesSent: v.number(),
  messageSendErrors: v.number(),
  messagesReceived: v.number(),
  probesReceived: v.number(),
});

const producerReportSchema = v.object({
  id: v.string(),
  topic: v.string(),
  sent: v.number(),
  acked: v.number(),
  failed: v.number(),
  failedSequences: v.string(),
  errorsByType: counts,
});

const subscriptionReportSchema = v.object({
  subscription: v.string(),
  topic: v.string(),
  received: v.number(),
  duplicates: v.number(),
  receivedByProducer: v.record(v.string(), v.string()),
});

/** The load of one child: the parent has already split the worker's rate. */
export const childLoadSchema = v.strictObject({
  /** msg/s for each producer of this child. */
  producerRate: v.pipe(v.number(), v.finite(), v.minValue(0)),
  payload: payloadSpecSchema,
  keyDistributor: keyDistributorSchema,
  pacing: v.optional(pacingSchema),
});

export const childOps = {
  initialize: { args: v.strictObject({ driver: driverConfigSchema }), result: v.null() },
  createTopics: { args: v.strictObject({ topics: v.array(topicSpecSchema) }), result: v.null() },
  deleteTopics: {
    args: v.strictObject({ names: v.array(v.string()) }),
    result: v.array(v.object({ name: v.string(), error: v.string() })),
  },
  listTopics: { args: v.strictObject({ prefix: v.string() }), result: v.array(v.string()) },
  createProducers: { args: v.strictObject({ producers: producerAssignmentsSchema }), result: v.null() },
  createConsumers: { args: v.strictObject({ consumers: consumerAssignmentsSchema }), result: v.null() },
  consumersReady: { args: none, result: v.object({ pending: v.array(v.string()) }) },
  probeProducers: { args: none, result: v.null() },
  startLoad: { args: childLoadSchema, result: v.null() },
  adjustRate: { args: v.strictObject({ producerRate: childLoadSchema.entries.producerRate }), result: v.null() },
  pauseConsumers: { args: none, result: v.null() },
  resumeConsumers: { args: none, result: v.null() },
  periodStats: { args: none, result: childPeriodStatsSchema },
  cumulativeLatencies: { args: none, result: latenciesSchema },
  counters: { args: none, result: countersSchema },
  resetStats: { args: none, result: v.null() },
  stopLoad: { args: none, result: v.array(producerReportSchema) },
  /** Closes producers (after their flush), consumers and the driver. */
  stop: {
    args: none,
    result: v.object({ producers: v.array(producerReportSchema), subscriptions: v.array(subscriptionReportSchema) }),
  },
} as const;

export type ChildOp = keyof typeof childOps;
export type ChildArgs<K extends ChildOp> = v.InferOutput<(typeof childOps)[K]["args"]>;
export type ChildResult<K extends ChildOp> = v.InferOutput<(typeof childOps)[K]["result"]>;
export type ChildLoad = v.InferOutput<typeof childLoadSchema>;
export type ChildPeriodStats = ProcessPeriodStats;

export const parentMessageSchema = v.strictObject({
  kind: v.literal("request"),
  id: v.pipe(v.number(), v.integer()),
  op: v.picklist(Object.keys(childOps) as ChildOp[]),
  args: v.unknown(),
});
export type ParentMessage = v.InferOutput<typeof parentMessageSchema>;

export const childMessageSchema = v.variant("kind", [
  /** First message of a child: its handlers are installed. */
  v.strictObject({ kind: v.literal("hello"), pid: v.number() }),
  v.strictObject({ kind: v.literal("response"), id: v.number(), ok: v.literal(true), result: v.unknown() }),
  v.strictObject({
    kind: v.literal("response"),
    id: v.number(),
    ok: v.literal(false),
    error: v.string(),
    /** The broker refused the request as it stands (unknown topic, topic exists otherwise): the caller's to fix, answered 409. */
    conflict: v.optional(v.boolean()),
  }),
]);
export type ChildMessage = v.InferOutput<typeof childMessageSchema>;

/**
 * Kafka error codes that say the request does not fit the cluster as it is
 * (a topic that does not exist, or exists otherwise, or cannot be made so):
 * the coordinator's request is at fault, not the worker.
 */
export const CONFLICT_ERROR_TYPES: ReadonlySet<string> = new Set([
  "UNKNOWN_TOPIC_OR_PARTITION",
  "TOPIC_ALREADY_EXISTS",
  "INVALID_TOPIC_EXCEPTION",
  "INVALID_PARTITIONS",
  "INVALID_REPLICATION_FACTOR",
  "INVALID_REPLICA_ASSIGNMENT",
  "INVALID_CONFIG",
  "POLICY_VIOLATION",
]);

// Compile-time guards: result schemas must produce the stats contract's shapes.
true satisfies ChildResult<"periodStats"> extends ChildPeriodStats ? true : false;
true satisfies ChildResult<"cumulativeLatencies"> extends CumulativeLatencies ? true : false;
true satisfies ChildResult<"counters"> extends CountersStats ? true : false;
true satisfies ChildResult<"stopLoad"> extends ProducerReport[] ? true : false;
true satisfies ChildResult<"stop">["subscriptions"] extends SubscriptionReport[] ? true : false;
