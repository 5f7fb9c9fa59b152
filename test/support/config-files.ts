// Builds config sources from text, so rules can be tested without files.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import type { ConfigProblem } from "../../src/config/errors";
import type { ConfigSource } from "../../src/config/source";

export const REPO = join(import.meta.dir, "../..");

export function source(text: string, dir = tmpdir(), file = "test.yaml"): ConfigSource {
  return { ref: file, file, text, dir, stem: "test" };
}

export function yaml(data: Record<string, unknown>): string {
  return stringify(data);
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "omb-config-"));
}

/** The fields named by problems, for compact assertions. */
export function fields(problems: ConfigProblem[]): string[] {
  return problems.map((p) => p.field);
}

/** A valid workload in Java OMB's camelCase, to be varied by each test. */
export const WORKLOAD = {
  name: "t",
  topics: 1,
  partitionsPerTopic: 4,
  messageSize: 1024,
  subscriptionsPerTopic: 1,
  consumerPerSubscription: 1,
  producersPerTopic: 1,
  producerRate: 1000,
  testDurationMinutes: 1,
};

export const DRIVER = `name: d
driverClass: kafkajs
commonConfig: |
  bootstrap.servers=localhost:9092
`;
