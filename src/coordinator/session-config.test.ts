import { expect, test } from "bun:test";
import { parseSessionFlags, type SessionOptions } from "./options";
import { loadTests } from "./session-config";

const options = (...argv: string[]): SessionOptions => {
  const parsed = parseSessionFlags(argv, { mode: "run" });
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
  return parsed.options;
};

test("--replication-factor replaces every driver file's", () => {
  const loaded = loadTests(options("-d", "throughput,latency", "--replication-factor", "2", "--bootstrap-servers", "h:1", "quick-test"));
  if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
  expect(loaded.value.map((t) => t.driverRef.driver.replicationFactor)).toEqual([2, 2]);
});

test("-o FILE.json names one result: refused when the session makes several", () => {
  const loaded = loadTests(options("-d", "throughput,latency", "-o", "out.json", "--bootstrap-servers", "h:1", "quick-test"));
  expect(loaded).toEqual({ ok: false, problems: ["-o out.json: names one result file, but 1 workload(s) × 2 driver(s) make 2 results; give a folder instead"] });
  expect(loadTests(options("-d", "throughput", "-o", "out.json", "--bootstrap-servers", "h:1", "quick-test")).ok).toBe(true);
});
