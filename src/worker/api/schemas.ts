// valibot schemas for the shapes that cross a process boundary into the worker
// (HTTP bodies from the coordinator, IPC between the worker and its children).
// Each schema mirrors a type of worker.ts / driver.ts / config/types.ts; the
// `satisfies` checks below keep them from drifting apart.
import * as v from "valibot";
import { DRIVER_CLIENTS, type DriverConfig } from "../../config/types";
import type { TopicSpec } from "../../drivers/driver";
import type { ConsumerAssignment, LoadAssignment, ProducerAssignment } from "./types";

const name = v.pipe(v.string(), v.minLength(1, "must not be empty"));
const properties = v.record(v.string(), v.union([v.string(), v.number(), v.boolean()]));
const positiveInteger = v.pipe(v.number(), v.integer(), v.minValue(1));
const nonNegativeNumber = v.pipe(v.number(), v.finite(), v.minValue(0));

export const driverConfigSchema = v.strictObject({
  name,
  driverClass: v.string(),
  client: v.picklist(DRIVER_CLIENTS),
  replicationFactor: positiveInteger,
  reset: v.boolean(),
  topicConfig: properties,
  commonConfig: properties,
  producerConfig: properties,
  consumerConfig: properties,
});

export const topicSpecSchema = v.strictObject({ name, partitions: positiveInteger });

export const producerAssignmentSchema = v.strictObject({ id: name, topic: name });

export const consumerAssignmentSchema = v.strictObject({ id: name, topic: name, subscription: name });

const uniqueIds = <T extends { id: string }>(items: T[]) => new Set(items.map((i) => i.id)).size === items.length;

export const producerAssignmentsSchema = v.pipe(
  v.array(producerAssignmentSchema),
  v.check(uniqueIds, "ids must be unique"),
);

export const consumerAssignmentsSchema = v.pipe(
  v.array(consumerAssignmentSchema),
  v.check(uniqueIds, "ids must be unique"),
);

export const payloadSpecSchema = v.variant("kind", [
  v.strictObject({ kind: v.literal("file"), base64: v.pipe(v.string(), v.minLength(1), v.base64()) }),
  v.strictObject({
    kind: v.literal("random"),
    size: positiveInteger,
    randomBytesRatio: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
    poolSize: positiveInteger,
  }),
  v.strictObject({ kind: v.literal("zeros"), size: positiveInteger }),
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
