// Files in Java OMB's published formats load unchanged. Java OMB resolves
// payloadFile against the folder it runs in (its checkout), so these tests run
// from test/fixtures/java-omb as Java OMB would from its own root.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { loadDriverConfig } from "./driver-file";
import { loadWorkersFile } from "./workers-file";
import { loadWorkload } from "./workload-file";
import { REPO } from "../../test/support/config-files";

const root = join(REPO, "test/fixtures/java-omb");
const cwd = process.cwd();
beforeAll(() => process.chdir(root));
afterAll(() => process.chdir(cwd));

test("at least three Java OMB workloads load, payload files included", () => {
  const files = readdirSync(join(root, "workloads"));
  expect(files.length).toBeGreaterThanOrEqual(3);
  for (const f of files) expect(loadWorkload(`workloads/${f}`).workload.name).toBeTruthy();
});

test("Java OMB's defaults and payload file", () => {
  const { workload, payload } = loadWorkload("workloads/1-topic-8-partitions-2kb.yaml");
  expect(workload).toMatchObject({ keyDistributor: "KEY_ROUND_ROBIN", messageSize: 2048, testDurationSeconds: 600, warmupDurationSeconds: 60, backlogDrainRatio: 1 });
  expect(payload?.length).toBe(2048);
  expect(loadWorkload("workloads/4-topics-32-partitions-1kb-max-rate.yaml").workload).toMatchObject({ producerRate: 0, useRandomizedPayloads: true, randomizedPayloadPoolSize: 500 });
  expect(loadWorkload("workloads/1-topic-10-partitions-512b-3subs-backlog.yaml").workload).toMatchObject({ consumerBacklogSizeGB: 2, backlogDrainRatio: 0.9, warmupDurationSeconds: 120 });
});

test("Java OMB driver-kafka configs load; keys omb does not use are warned, not dropped", () => {
  const acks = loadDriverConfig("driver-kafka/kafka-acks-all.yaml", { env: {} });
  expect(acks.driver).toMatchObject({ client: "kafkajs", replicationFactor: 3, topicConfig: { "min.insync.replicas": 2 }, producerConfig: { acks: -1, "linger.ms": 2 } });
  expect(acks.warnings).toEqual([expect.stringMatching(/^commonConfig\.default\.api\.timeout\.ms: not supported by kafkajs: a Kafka setting/)]);
  expect(acks.driver.commonConfig["default.api.timeout.ms"]).toBe("600000");
  const zstd = loadDriverConfig("driver-kafka/kafka-idempotent-zstd.yaml", { env: {} });
  expect(zstd.driver.producerConfig).toMatchObject({ "enable.idempotence": true, retries: 2147483647, "compression.type": "zstd" });
  expect(zstd.driver.commonConfig["bootstrap.servers"]).toBe("kafka-0:9092,kafka-1:9092,kafka-2:9092");
  expect(zstd.warnings).toEqual([]);
});

test("a Java OMB workers file loads", () => {
  expect(loadWorkersFile("workers.yaml").workers).toHaveLength(3);
});
