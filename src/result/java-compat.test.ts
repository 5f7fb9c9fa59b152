// What Java OMB's own tools need from a result file: its main JSON holds
// exactly TestResult's fields (Jackson refuses any other), and everything omb
// adds lives in the sidecar, which `omb report` finds again.
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sampleResult } from "../../test/support/fixtures";
import { summaryRow } from "../report/summary-row";
import { readResultFile, ResultFileError } from "./reader";
import { writeResult } from "./writer";

const dir = mkdtempSync(join(tmpdir(), "omb-java-compat-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Java OMB's TestResult, field by field, written out here on purpose: the test
// must fail when omb's own list drifts.
const latency = ["Avg", "50pct", "75pct", "95pct", "99pct", "999pct", "9999pct", "Max"];
const JAVA_FIELDS = new Set([
  "workload", "driver", "messageSize", "topics", "partitions", "producersPerTopic", "consumersPerTopic",
  "publishRate", "publishErrorRate", "consumeRate", "backlog",
  ...["publishLatency", "publishDelayLatency", "endToEndLatency"].flatMap((p) => latency.map((s) => p + s)),
  ...["PublishLatency", "PublishDelayLatency", "EndToEndLatency"].flatMap((p) => latency.map((s) => `aggregated${p}${s}`)),
  "aggregatedPublishLatencyQuantiles", "aggregatedPublishDelayLatencyQuantiles", "aggregatedEndToEndLatencyQuantiles",
]);

/** A reader as strict as Jackson's default: an unknown field is an error. */
function strictJavaReader(text: string): Record<string, unknown> {
  const json = JSON.parse(text) as Record<string, unknown>;
  for (const key of Object.keys(json)) if (!JAVA_FIELDS.has(key)) throw new Error(`Unrecognized field "${key}" (class TestResult)`);
  return json;
}

test("the main file holds exactly Java OMB's 62 TestResult fields; the sidecar holds the rest; omb report reads both", async () => {
  expect(JAVA_FIELDS.size).toBe(62);
  const result = sampleResult();
  const written = await writeResult({ dir }, result);
  const main = strictJavaReader(readFileSync(written.json, "utf8"));
  expect(Object.keys(main).sort()).toEqual([...JAVA_FIELDS].sort());
  expect(main.publishRate).toEqual(result.publishRate);
  expect(written.sidecar).toBe(`${written.json}.omb`);
  expect(JSON.parse(readFileSync(written.sidecar, "utf8")).omb.testId).toBe(result.omb.testId);

  const read = await readResultFile(written.json);
  expect(read.omb?.reconciliation).toEqual(result.omb.reconciliation);
  const row = summaryRow(read, "r.json");
  expect({ acked: row.acked, lost: row.lost, latencySource: row.latencySource }).toEqual({
    acked: result.omb.reconciliation.acked,
    lost: result.omb.reconciliation.lost,
    latencySource: "histograms",
  });
  // Given the sidecar's own path (a shell glob of the folder), the same result.
  expect((await readResultFile(written.sidecar)).omb?.testId).toBe(result.omb.testId);
});

test("older single files with the omb block inside, and Java OMB's own files, still read", async () => {
  const result = sampleResult();
  const single = join(dir, "single.json");
  writeFileSync(single, JSON.stringify(result));
  expect((await readResultFile(single)).omb?.testId).toBe(result.omb.testId);
  const { omb: _omb, ...java } = result;
  const javaOnly = join(dir, "java.json");
  writeFileSync(javaOnly, JSON.stringify(java));
  const read = await readResultFile(javaOnly);
  expect(read.omb).toBeUndefined();
  expect(summaryRow(read, "java.json").latencySource).toBe("aggregated fields");
});

test("a sidecar of another result is refused, naming both files", async () => {
  const a = await writeResult({ file: join(dir, "a.json") }, sampleResult());
  const other = sampleResult();
  await writeResult({ file: join(dir, "b.json") }, { ...other, workload: "something else", omb: other.omb });
  writeFileSync(join(dir, "b.json.omb"), readFileSync(a.sidecar));
  const refused = readResultFile(join(dir, "b.json"));
  await expect(refused).rejects.toBeInstanceOf(ResultFileError);
  await expect(refused).rejects.toThrow(/b\.json\.omb: belongs to workload/);
});
