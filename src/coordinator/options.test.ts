import { describe, expect, test } from "bun:test";
import { parseDuration, parseSessionFlags, type SessionOptions } from "./options";

const ok = (argv: string[], mode: "coordinate" | "run" = "coordinate"): SessionOptions => {
  const parsed = parseSessionFlags(argv, { mode });
  if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
  return parsed.options;
};
const problems = (argv: string[], mode: "coordinate" | "run" = "coordinate") => {
  const parsed = parseSessionFlags(argv, { mode });
  return parsed.ok ? [] : parsed.problems;
};

describe("parseSessionFlags", () => {
  test("Java OMB's flags keep their meaning; lists by comma or repetition", () => {
    const o = ok(["-d", "a.yaml,b", "--drivers", "c", "-w", "http://h1:8080,h2:9090", "-x", "-o", "out", "w1.yaml", "quick-test"]);
    expect(o.drivers).toEqual(["a.yaml", "b", "c"]);
    expect(o.workers).toEqual(["http://h1:8080", "http://h2:9090"]);
    expect(o.extraConsumerWorkers).toBe(true);
    expect(o.output).toBe("out");
    expect(o.workloads).toEqual(["w1.yaml", "quick-test"]);
  });

  test("Java OMB's -c DIR converts saved results and runs nothing: no workload or driver needed, and none allowed", () => {
    expect(ok(["-c", "results"]).csvDir).toBe("results");
    expect(ok(["--csv", "results"], "run").csvDir).toBe("results");
    expect(problems(["-c", "results", "-d", "k", "w"])).toEqual(["-c/--csv writes the CSV of saved results and runs nothing: drop the workloads and -d, or drop -c"]);
  });

  test("a negative duration or rate is named with what is expected, not as a parser puzzle", () => {
    expect(problems(["-d", "k", "--duration", "-5s", "--rate", "-3", "w"])).toEqual([
      "--duration -5s: expected a duration such as 30s, 2m or 500ms (at least 1000 ms)",
      "--rate -3: expected msg/s as a number >= 0 (0 = find the maximum sustainable rate)",
    ]);
  });

  test("--replication-factor overrides the driver files' and must be a whole number from 1", () => {
    expect(ok(["-d", "k", "--replication-factor", "1", "w"]).replicationFactor).toBe(1);
    expect(ok(["-d", "k", "w"]).replicationFactor).toBeUndefined();
    expect(problems(["-d", "k", "--replication-factor", "0", "w"])).toEqual(["--replication-factor 0: expected a whole number from 1 (at most the brokers of the cluster)"]);
  });

  test("-wf is --workers-file; defaults", () => {
    const o = ok(["-d", "k", "-wf", "workers.yaml", "w"]);
    expect(o.workersFile).toBe("workers.yaml");
    expect(o.output).toBe("./results");
    expect(o.statsIntervalMs).toBe(10_000);
    expect(o.keepTopics).toBe(false);
    expect(o.waitForWorkersMs).toBe(0);
    expect(o.overrides).toEqual({ durationSeconds: undefined, warmupSeconds: undefined, rate: undefined });
  });

  test("--wait-for-workers takes a duration, and only in omb coordinate", () => {
    expect(ok(["-d", "k", "--wait-for-workers", "5m", "w"]).waitForWorkersMs).toBe(300_000);
    expect(problems(["-d", "k", "--wait-for-workers", "soon", "w"])).toEqual(["--wait-for-workers soon: expected a duration such as 30s, 2m or 500ms (at least 0 ms)"]);
    expect(problems(["-d", "k", "--wait-for-workers", "1m", "w"], "run")).toEqual(["--wait-for-workers belongs to `omb coordinate`; `omb run` starts its own workers"]);
  });

  test("overrides", () => {
    const o = ok(["-d", "k", "--duration", "30s", "--warmup", "0", "--rate", "0", "--stats-interval", "2s", "--keep-topics", "--bootstrap-servers", "b:9092", "--strict", "w"]);
    expect(o.overrides).toEqual({ durationSeconds: 30, warmupSeconds: 0, rate: 0 });
    expect(o.statsIntervalMs).toBe(2000);
    expect(o.keepTopics && o.strict).toBe(true);
    expect(o.bootstrapServers).toBe("b:9092");
  });

  test("omb run: --local-workers, and no remote workers", () => {
    expect(ok(["-d", "k", "--local-workers", "2", "w"], "run").localWorkers).toBe(2);
    expect(ok(["-d", "k", "w"], "run").localWorkers).toBe(1);
    expect(problems(["-d", "k", "-w", "http://h:1", "w"], "run")).toHaveLength(1);
  });

  test("omb coordinate: --local-workers only when given no workers", () => {
    expect(ok(["-d", "k", "--local-workers", "2", "w"], "coordinate").localWorkers).toBe(2);
    expect(problems(["-d", "k", "--local-workers", "2", "-w", "http://h:1", "w"], "coordinate")).toEqual([
      "--local-workers: `omb coordinate` starts local workers only when given no workers; drop it, or drop -w/-wf",
    ]);
  });

  test("every problem at once", () => {
    const found = problems(["--duration", "soon", "--rate=-5", "--local-workers", "0", "-w", "ftp://x:1"]);
    expect(found.join("\n")).toContain("--duration soon");
    expect(found.join("\n")).toContain("--rate -5");
    expect(found.join("\n")).toContain("no driver");
    expect(found.join("\n")).toContain("no workload");
    expect(found.join("\n")).toContain("ftp://");
    expect(found.length).toBeGreaterThanOrEqual(5);
  });

  test("--format: the JSON always, beside it CSV and HTML by default, or what is asked", () => {
    expect(ok(["-d", "k", "w"]).formats).toEqual(["csv", "html"]);
    expect(ok(["-d", "k", "--format", "json,md,html", "w"]).formats).toEqual(["md", "html"]);
    expect(ok(["-d", "k", "--format", "json", "w"]).formats).toEqual([]);
    expect(problems(["-d", "k", "--format", "json,pdf", "w"])[0]).toContain("--format json,pdf: expected a comma-separated list of json, csv, md, html");
  });

  test("judging: --threshold repeatable, --max-error-rate and --rate-tolerance as shares or percentages, --strict", () => {
    const o = ok(["-d", "k", "--threshold", "publishLatency.p99<50ms", "--threshold", "lost==0", "--max-error-rate", "1%", "--rate-tolerance", "0.05", "--strict", "w"]);
    expect(o.judging).toEqual({ thresholds: ["publishLatency.p99<50ms", "lost==0"], maxErrorRate: 0.01, rateTolerance: 0.05, strict: true });
    expect(ok(["-d", "k", "w"]).judging).toEqual({ thresholds: [], strict: false });
    const p = problems(["-d", "k", "--threshold", "p99<5", "--max-error-rate", "150%", "--rate-tolerance", "x", "w"]);
    expect(p).toHaveLength(3);
    expect(p[0]).toContain("--max-error-rate 150%");
    expect(p[2]).toContain("--threshold");
  });

  test("an unknown flag is a usage problem, not a crash", () => {
    expect(problems(["--nope", "-d", "k", "w"])[0]).toContain("--nope");
  });
});

test.each([
  ["30s", 30_000],
  ["2m", 120_000],
  ["500ms", 500],
  ["1h", 3_600_000],
  ["15", 15_000],
  ["1.5s", 1500],
  ["x", undefined],
  ["-1s", undefined],
])("parseDuration(%p) = %p", (text, ms) => {
  expect(parseDuration(text)).toBe(ms);
});
