import { afterAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sampleResult } from "../../test/support/fixtures";
import { writeResult } from "../result/writer";
import { resultsToCsv } from "./results-to-csv";

const dir = mkdtempSync(join(tmpdir(), "omb-results-csv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("-c DIR: one line per result of the folder (sidecars and renderings skipped), in results-<epoch>.csv", async () => {
  const results = join(dir, "results");
  const out = join(dir, "out");
  mkdirSync(out);
  await writeResult({ dir: results }, sampleResult(), [{ extension: "csv", render: () => "omb's own csv\n" }]);
  await writeResult({ dir: results }, { ...sampleResult(), messageSize: 10 });
  const written = await resultsToCsv(results, out);
  const [file] = readdirSync(out);
  expect(written).toEqual({ ok: true, file: join(out, file!), results: 2 });
  expect(file).toMatch(/^results-\d+\.csv$/);
  const lines = readFileSync(join(out, file!), "utf8").trimEnd().split("\n");
  expect(lines).toHaveLength(3);
  expect(lines[0]).toEndWith("con-rate-max,");
  expect(lines[1]!.split(",")[2]).toBe("10");
});

test("-c DIR with a file that is no result: exit 2 and no CSV", async () => {
  const bad = join(dir, "bad");
  const out = join(dir, "bad-out");
  mkdirSync(bad);
  mkdirSync(out);
  writeFileSync(join(bad, "x.json"), "{}");
  const refused = await resultsToCsv(bad, out);
  expect(refused.ok).toBe(false);
  expect(!refused.ok && refused.problems[0]).toStartWith(`${join(bad, "x.json")}: workload:`);
  expect(readdirSync(out)).toEqual([]);
  expect(await resultsToCsv(join(dir, "missing"), out)).toMatchObject({ ok: false, problems: [expect.stringContaining("expected a folder of result JSON files")] });
});
