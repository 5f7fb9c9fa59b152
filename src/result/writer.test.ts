import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sampleResult } from "../../test/coordinator/fixtures";
import type { TestResult } from "./types";
import { fileTimestamp, resultBaseName, workloadFileName, writeResult } from "./writer";

const dir = mkdtempSync(join(tmpdir(), "omb-writer-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const base = sampleResult();
const minimal: TestResult = {
  ...base,
  driver: "Kafka throughput",
  omb: { ...base.omb, workloadSource: "/x/workloads/1-topic.yaml", startedAt: new Date(2025, 2, 4, 5, 6, 7).toISOString() },
};

test("Java OMB's naming: <workload file>-<driver>-<yyyy-MM-dd-HH-mm-ss>", () => {
  expect(workloadFileName("embedded:quick-test")).toBe("quick-test");
  expect(workloadFileName("/a/b/max.yml")).toBe("max");
  expect(fileTimestamp(new Date(2025, 2, 4, 5, 6, 7))).toBe("2025-03-04-05-06-07");
  expect(resultBaseName(minimal)).toBe("1-topic-Kafka-throughput-2025-03-04-05-06-07");
});

test("JSON and a CSV beside it; a second result of the same second does not overwrite the first", async () => {
  const first = await writeResult(dir, minimal);
  const second = await writeResult(dir, minimal);
  expect(first.json).toEndWith("1-topic-Kafka-throughput-2025-03-04-05-06-07.json");
  expect(second.json).toEndWith("1-topic-Kafka-throughput-2025-03-04-05-06-07-2.json");
  expect(readdirSync(dir).sort()).toHaveLength(4);
  expect(JSON.parse(readFileSync(first.json, "utf8")).driver).toBe("Kafka throughput");
  expect(readFileSync(first.csv, "utf8").split("\n")[0]).toStartWith("topics,partitions,message-size");
});
