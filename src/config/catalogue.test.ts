// The workloads and driver configs embedded in the binary: each is valid, described,
// and usable with nothing beside the binary.
import { describe, expect, test } from "bun:test";
import catalogue from "omb:catalogue";
import { listCatalogue } from "./catalogue";
import { checkFile } from "./check-file";
import { loadDriverConfig } from "./driver-file";
import { PROPERTIES_DOC_PATH, renderPropertiesDoc } from "./properties-doc";
import { loadWorkload } from "./workload-file";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "../../test/support/config-files";

describe("embedded catalogue", () => {
  test("every embedded file passes validation, with no warning even under --strict", () => {
    for (const f of catalogue) {
      const report = checkFile(f.name, { strict: true, env: {} });
      expect(report, f.file).toMatchObject({ ok: true, kind: f.kind, warnings: [] });
    }
  });

  test("each file starts with a one-line `# ` description", () => {
    const entries = listCatalogue();
    expect(entries.length).toBe(catalogue.length);
    for (const e of entries) expect(e.description.length, e.file).toBeGreaterThan(10);
  });

  test("the seeds' scenarios and Java OMB's classic shapes are there", () => {
    const names = new Set(catalogue.map((f) => f.name));
    for (const n of [
      "quick-test", "latency-test-100b", "throughput-test-1kb", "throughput-test-max", "producer-scaling-test",
      "partition-scaling-test", "topic-scaling-test", "msg-size-comparison-100b", "msg-size-comparison-64kb",
      "digital-twin-sensor-stream", "key-distribution-zipf", "1-partition-1kb", "16-partitions-1kb",
      "max-rate-16-partitions-1kb", "backlog-16-partitions-1kb", "100-topics-1-partition-1kb",
      "latency", "throughput", "max-throughput", "digital-twin", "exactly-once",
      "compression-gzip", "compression-zstd", "compression-lz4", "compression-snappy",
    ]) {
      expect(names.has(n), n).toBe(true);
    }
  });

  test("no embedded name is the name of a Java OMB file (a Java OMB user's path never finds omb's copy)", () => {
    const java = new Set(readFileSync(join(REPO, "test/fixtures/java-omb/file-names.txt"), "utf8").split("\n").filter((l) => l && !l.startsWith("#")));
    expect(java.size).toBeGreaterThan(100);
    expect(catalogue.map((f) => f.name).filter((n) => java.has(n))).toEqual([]);
  });

  test("embedded workloads need no payload file", () => {
    for (const f of catalogue.filter((x) => x.kind === "workload")) {
      expect(loadWorkload(f.name).workload.payloadFile, f.name).toBeUndefined();
    }
  });

  test("quick-test is short enough for a laptop", () => {
    const w = loadWorkload("quick-test").workload;
    expect(w).toMatchObject({ topics: 1, partitionsPerTopic: 4, producersPerTopic: 1, subscriptionsPerTopic: 1, messageSize: 1024, producerRate: 1000 });
    expect(w.testDurationSeconds + w.warmupDurationSeconds).toBeLessThanOrEqual(60);
  });

  test("the digital twin scenario: 10k sensors at 1 Hz, 512 B; its driver reads from the earliest offset", () => {
    expect(loadWorkload("digital-twin-sensor-stream").workload).toMatchObject({ producerRate: 10_000, messageSize: 512 });
    expect(loadDriverConfig("digital-twin", { env: {} }).driver.consumerConfig["auto.offset.reset"]).toBe("earliest");
  });

  test("driver configs take bootstrap servers from KAFKA_BOOTSTRAP, defaulting to 127.0.0.1:9092", () => {
    for (const f of catalogue.filter((x) => x.kind === "driver")) {
      expect(f.text, f.name).toContain("bootstrap.servers");
      expect(loadDriverConfig(f.name, { env: {} }).driver.commonConfig["bootstrap.servers"]).toBe("127.0.0.1:9092");
      expect(loadDriverConfig(f.name, { env: { KAFKA_BOOTSTRAP: "k:1" } }).driver.commonConfig["bootstrap.servers"]).toBe("k:1");
    }
  });

  test("exactly-once is idempotent with acks=all; compression variants set their codec", () => {
    expect(loadDriverConfig("exactly-once", { env: {} }).driver.producerConfig).toMatchObject({ "enable.idempotence": true, acks: -1 });
    for (const c of ["gzip", "zstd", "lz4", "snappy"]) {
      expect(loadDriverConfig(`compression-${c}`, { env: {} }).driver.producerConfig["compression.type"]).toBe(c);
    }
  });
});

test("docs/driver-properties.md is generated from the catalogue (run `bun src/config/properties-doc.ts`)", async () => {
  expect(await Bun.file(PROPERTIES_DOC_PATH).text()).toBe(renderPropertiesDoc());
});
