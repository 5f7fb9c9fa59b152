import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { sampleResult } from "../../test/support/fixtures";
import type { TestResult } from "./types";
import { fileTimestamp, resultBaseName, resultTarget, workloadFileName, writeResult } from "./writer";

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

const csv = { extension: "csv", render: (file: string) => `topics,partitions,message-size,file\n1,1,1,${file}\n` };

test("JSON and a rendering beside it; a second result of the same second does not overwrite the first", async () => {
  const first = await writeResult({ dir }, minimal, [csv]);
  const second = await writeResult({ dir }, minimal, [csv]);
  expect(first.json).toEndWith("1-topic-Kafka-throughput-2025-03-04-05-06-07.json");
  expect(second.json).toEndWith("1-topic-Kafka-throughput-2025-03-04-05-06-07-2.json");
  expect(readdirSync(dir).sort()).toHaveLength(6);
  expect(JSON.parse(readFileSync(first.json, "utf8")).driver).toBe("Kafka throughput");
  expect(first.beside).toEqual([first.json.replace(/json$/, "csv")]);
  expect(readFileSync(first.beside[0]!, "utf8")).toBe(`topics,partitions,message-size,file\n1,1,1,${basename(first.json)}\n`);
});

test("a rendering that fails is reported, and the JSON and the other renderings are written all the same", async () => {
  const own = mkdtempSync(join(dir, "failing-"));
  const failing = {
    extension: "md",
    render: () => {
      throw new Error("no markdown today");
    },
  };
  const written = await writeResult({ dir: own }, minimal, [failing, csv]);
  expect(written.beside).toEqual([written.json.replace(/json$/, "csv")]);
  expect(written.failed).toEqual([`${written.json.replace(/json$/, "md")}: no markdown today`]);
  expect(readdirSync(own).sort()).toEqual([basename(written.beside[0]!), basename(written.json), basename(written.sidecar)].sort());
});

test("-o names a file when it ends in .json and is no folder; otherwise a folder", async () => {
  expect(resultTarget(join(dir, "out.json"))).toEqual({ file: join(dir, "out.json") });
  expect(resultTarget(join(dir, "results"))).toEqual({ dir: join(dir, "results") });
  const folder = mkdtempSync(join(dir, "named.json-"));
  const asDir = join(folder, "x.json");
  mkdirSync(asDir);
  expect(resultTarget(asDir)).toEqual({ dir: asDir });
  const written = await writeResult(resultTarget(join(folder, "deep", "out.json")), minimal, [csv]);
  expect(written).toMatchObject({ json: join(folder, "deep", "out.json"), sidecar: join(folder, "deep", "out.json.omb"), beside: [join(folder, "deep", "out.csv")] });
});
