// valibot schemas for the shapes that cross a process boundary into the worker
// (HTTP bodies from the coordinator, IPC between the worker and its children).
// Each schema mirrors a type of worker.ts / driver.ts / config/types.ts; the
// `satisfies` checks below keep them from drifting apart.
import * as v from "valibot";
import { DRIVER_CLIENTS, type DriverConfig } from "../../config/types";
import { isPrototypeKey } from "../../prototype-keys";
import { NAME_RULE, TOPIC_NAME_RULE, isSafeName, isTopicName } from "../../config/names";
import type { TopicSpec } from "../../drivers/driver";
import type { ConsumerAssignment, LoadAssignment, ProducerAssignment } from "./types";

// Every value is bounded by what Kafka and a process accept, so a bad value is a
// 400 naming its field here instead of a failure deep in a child (500).
const INT32_MAX = 2 ** 31 - 1;
const INT16_MAX = 2 ** 15 - 1;
/** Largest message a worker makes: far above Kafka's default limit (1 MB), far below what a process can hold. */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A random payload pool is held whole by every child: size × poolSize at most this. */
export const MAX_PAYLOAD_POOL_BYTES = 512 * 1024 * 1024;
/** Far above any load generator, finite so schedules stay exact. */
export const MAX_RATE = 1e9;

const name = v.pipe(
  v.string(),
  v.check(isSafeName, `must be ${NAME_RULE}`),
  // Ids key maps in stats answers, which every boundary scans for prototype keys.
  v.check((n) => !isPrototypeKey(n), "must not be __proto__, constructor or prototype"),
);
export const topicNameSchema = v.pipe(v.string(), v.check(isTopicName, `must be a Kafka topic name: ${TOPIC_NAME_RULE}`));
const integer = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
const positiveInteger = integer(1, INT32_MAX);
const nonNegativeNumber = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_RATE));
/** A JSON object, never an array (valibot's record takes an array as an object with keys 0, 1, …). */
const jsonObject = v.custom<Record<string, unknown>>(
  (x) => typeof x === "object" && x !== null && !Array.isArray(x),
  "must be an object of properties ({\"key\": value}), not an array",
);
const properties = v.pipe(
  jsonObject,
  v.record(
    v.pipe(v.string(), v.minLength(1, "property names must not be empty"), v.maxLength(1000)),
    v.union([v.pipe(v.string(), v.maxLength(64 * 1024)), v.pipe(v.number(), v.finite()), v.boolean()]),
  ),
);

export const driverConfigSchema = v.strictObject({
  name,
  driverClass: v.pipe(v.string(), v.maxLength(1000)),
  client: v.picklist(DRIVER_CLIENTS),
  replicationFactor: integer(1, INT16_MAX),
  reset: v.boolean(),
  topicConfig: properties,
  commonConfig: properties,
  producerConfig: properties,
  consumerConfig: properties,
});

export const topicSpecSchema = v.strictObject({ name: topicNameSchema, partitions: positiveInteger });

export const producerAssignmentSchema = v.strictObject({ id: name, topic: topicNameSchema });

export const consumerAssignmentSchema = v.strictObject({ id: name, topic: topicNameSchema, subscription: name });

const uniqueIds = <T extends { id: string }>(items: T[]) => new Set(items.map((i) => i.id)).size === items.length;

export const producerAssignmentsSchema = v.pipe(
  v.array(producerAssignmentSchema),
  v.check(uniqueIds, "ids must be unique"),
);

export const consumerAssignmentsSchema = v.pipe(
  v.array(consumerAssignmentSchema),
  v.check(uniqueIds, "ids must be unique"),
);

const messageSize = integer(1, MAX_MESSAGE_BYTES);

export const payloadSpecSchema = v.variant("kind", [
  v.strictObject({ kind: v.literal("file"), base64: v.pipe(v.string(), v.minLength(1), v.base64()) }),
  v.pipe(
    v.strictObject({
      kind: v.literal("random"),
      size: messageSize,
      randomBytesRatio: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
      poolSize: positiveInteger,
    }),
    v.check(
      (p) => p.size * p.poolSize <= MAX_PAYLOAD_POOL_BYTES,
      `size × poolSize must be at most ${MAX_PAYLOAD_POOL_BYTES} bytes (the pool is held in memory by every child)`,
    ),
  ),
  v.strictObject({ kind: v.literal("zeros"), size: messageSize }),
]);

export const pacingSchema = v.variant("mode", [
  v.strictObject({ mode: v.literal("uniform") }),
  v.strictObject({ mode: v.literal("bursty"), burstSize: positiveInteger }),
]);

export const keyDistributorSchema = v.picklist(["NO_KEY", "KEY_ROUND_ROBIN", "RANDOM_NANO", "ZIP_LATENT"]);

export const loadAssignmentSchema = v.strictObject({
  workerRate: nonNegativeNumber,
  payload: payloadSpecSchema,
  keyDistributor: keyDistributorSchema,
  pacing: v.optional(pacingSchema),
});

export const workerRateSchema = nonNegativeNumber;

/** "field.path: reason" for every issue, so a 400 names what to fix. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[], root = "body"): string {
  return issues
    .map((issue) => {
      const path = v.getDotPath(issue);
      return `${path ? `${root}.${path}` : root}: ${issue.message}`;
    })
    .join("; ");
}

// Compile-time guards: a schema's output must be assignable to the contract type.
true satisfies v.InferOutput<typeof driverConfigSchema> extends DriverConfig ? true : false;
true satisfies v.InferOutput<typeof topicSpecSchema> extends TopicSpec ? true : false;
true satisfies v.InferOutput<typeof producerAssignmentSchema> extends ProducerAssignment ? true : false;
true satisfies v.InferOutput<typeof consumerAssignmentSchema> extends ConsumerAssignment ? true : false;
true satisfies v.InferOutput<typeof loadAssignmentSchema> extends LoadAssignment ? true : false;
