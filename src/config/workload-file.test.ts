import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { snakeCase } from "./fields";
import { checkWorkload, loadWorkload, WORKLOAD_FIELDS } from "./workload-file";
import { ConfigError } from "./errors";
import { fields, source, tempDir, WORKLOAD, yaml } from "../../test/support/config-files";

const check = (data: Record<string, unknown>, dir?: string) => checkWorkload(source(yaml(data), dir));
const ok = (data: Record<string, unknown>, dir?: string) => {
  const r = check(data, dir);
  expect(r.problems).toEqual([]);
  return r.loaded!.workload;
};
const bad = (data: Record<string, unknown>, dir?: string) => {
  const r = check(data, dir);
  expect(r.loaded).toBeUndefined();
  return r.problems;
};

describe("workload defaults (Java OMB's Workload.java)", () => {
  test("a minimal Java OMB file gets Java's defaults", () => {
    const w = ok({ name: "x", topics: 1, partitionsPerTopic: 1, messageSize: 100, producersPerTopic: 1, testDurationMinutes: 5 });
    expect(w).toEqual({
      name: "x",
      topics: 1,
      partitionsPerTopic: 1,
      messageSize: 100,
      useRandomizedPayloads: false,
      randomBytesRatio: 0,
      randomizedPayloadPoolSize: 0,
      keyDistributor: "NO_KEY",
      subscriptionsPerTopic: 0,
      consumerPerSubscription: 0,
      producersPerTopic: 1,
      producerRate: 0,
      consumerBacklogSizeGB: 0,
      backlogDrainRatio: 1,
      testDurationSeconds: 300,
      warmupDurationSeconds: 60,
    });
  });

  test("name defaults to the file name", () => {
    const { name: _, ...rest } = WORKLOAD;
    expect(ok(rest).name).toBe("test");
  });

  test("durations fold into seconds; sub-minute fields are taken as given", () => {
    expect(ok({ ...WORKLOAD, testDurationMinutes: 2, warmupDurationMinutes: 0 })).toMatchObject({ testDurationSeconds: 120, warmupDurationSeconds: 0 });
    const { testDurationMinutes: _, ...rest } = WORKLOAD;
    expect(ok({ ...rest, testDurationSeconds: 30, warmupDurationSeconds: 10 })).toMatchObject({ testDurationSeconds: 30, warmupDurationSeconds: 10 });
  });

  test("producerRate 0 or less means max-rate discovery and is kept", () => {
    expect(ok({ ...WORKLOAD, producerRate: 0 }).producerRate).toBe(0);
    expect(ok({ ...WORKLOAD, producerRate: -1 }).producerRate).toBe(-1);
  });

  test("subscriptionsPerTopic 0 is a legal producer-only run", () => {
    expect(ok({ ...WORKLOAD, subscriptionsPerTopic: 0, consumerPerSubscription: 0 }).subscriptionsPerTopic).toBe(0);
  });
});

describe("snake_case aliases from the seeds", () => {
  const values: Record<string, unknown> = {
    name: "n",
    topics: 2,
    partitionsPerTopic: 3,
    messageSize: 10,
    useRandomizedPayloads: true,
    randomBytesRatio: 0.25,
    randomizedPayloadPoolSize: 7,
    keyDistributor: "RANDOM_NANO",
    subscriptionsPerTopic: 2,
    consumerPerSubscription: 2,
    producersPerTopic: 4,
    producerRate: 500,
    consumerBacklogSizeGB: 1,
    backlogDrainRatio: 0.5,
    testDurationMinutes: 3,
    warmupDurationMinutes: 2,
  };
  const expected = { ...values, testDurationSeconds: 180, warmupDurationSeconds: 120 } as Record<string, unknown>;
  delete expected.testDurationMinutes;
  delete expected.warmupDurationMinutes;

  test("every field has its snake_case spelling", () => {
    expect(Object.keys(WORKLOAD_FIELDS).map(snakeCase)).toEqual([
      "name", "topics", "partitions_per_topic", "message_size", "payload_file", "use_randomized_payloads",
      "random_bytes_ratio", "randomized_payload_pool_size", "key_distributor", "subscriptions_per_topic",
      "consumer_per_subscription", "producers_per_topic", "producer_rate", "consumer_backlog_size_gb",
      "backlog_drain_ratio", "test_duration_minutes", "test_duration_seconds", "warmup_duration_minutes",
      "warmup_duration_seconds", "thresholds",
    ]);
  });

  test("a file written entirely in snake_case loads the same as camelCase", () => {
    const snake = Object.fromEntries(Object.entries(values).map(([k, v]) => [snakeCase(k), v]));
    expect(ok(snake)).toEqual(ok(values));
    expect(ok(snake)).toEqual(expected as never);
  });

  for (const name of Object.keys(values)) {
    const alias = snakeCase(name);
    if (alias === name) continue;
    test(`${alias} alone is ${name}; both together is an error`, () => {
      const { [name]: value, ...rest } = values;
      expect(ok({ ...rest, [alias]: value })).toEqual(ok(values));
      const problems = bad({ ...values, [alias]: value });
      expect(problems).toHaveLength(1);
      expect(problems[0]!.problem).toContain(`same field as ${name}`);
    });
  }

  test("seconds aliases", () => {
    const { testDurationMinutes: _, ...rest } = WORKLOAD;
    expect(ok({ ...rest, test_duration_seconds: 20, warmup_duration_seconds: 5 })).toMatchObject({ testDurationSeconds: 20, warmupDurationSeconds: 5 });
  });
});

describe("key distributors", () => {
  for (const [given, normalized] of [
    ["NO_KEY", "NO_KEY"],
    ["KEY_ROUND_ROBIN", "KEY_ROUND_ROBIN"],
    ["RANDOM_NANO", "RANDOM_NANO"],
    ["ZIP_LATENT", "ZIP_LATENT"],
    ["ROUND_ROBIN", "KEY_ROUND_ROBIN"],
    ["RANDOM", "RANDOM_NANO"],
  ]) {
    test(`${given} → ${normalized}`, () => expect(ok({ ...WORKLOAD, keyDistributor: given }).keyDistributor).toBe(normalized as never));
  }
  test("an unknown one is an error with a suggestion", () => {
    const [p] = bad({ ...WORKLOAD, keyDistributor: "ROUND_ROBBIN" });
    expect(p!.field).toBe("keyDistributor");
    expect(p!.problem).toContain("did you mean ROUND_ROBIN");
  });
});

describe("field rules", () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["topics 0", { topics: 0 }, "topics", /below the minimum 1/],
    ["topics as text", { topics: "4" }, "topics", /got the text "4"/],
    ["topics fractional", { topics: 1.5 }, "topics", /not a whole number/],
    ["partitions above the bound", { partitionsPerTopic: 100_001 }, "partitionsPerTopic", /above the maximum 100000/],
    ["messageSize 0", { messageSize: 0 }, "messageSize", /below the minimum 1/],
    ["messageSize above 64 MiB", { messageSize: 67_108_865 }, "messageSize", /above the maximum/],
    ["producersPerTopic 0", { producersPerTopic: 0 }, "producersPerTopic", /below the minimum 1/],
    ["negative subscriptions", { subscriptionsPerTopic: -1 }, "subscriptionsPerTopic", /below the minimum 0/],
    ["producerRate too high", { producerRate: 100_000_001 }, "producerRate", /above the maximum/],
    ["randomBytesRatio above 1", { randomBytesRatio: 1.5, useRandomizedPayloads: true, randomizedPayloadPoolSize: 1 }, "randomBytesRatio", /above the maximum 1/],
    ["useRandomizedPayloads as text", { useRandomizedPayloads: "yes" }, "useRandomizedPayloads", /got the text/],
    ["backlog negative", { consumerBacklogSizeGB: -1 }, "consumerBacklogSizeGB", /below the minimum 0/],
    ["empty name", { name: "" }, "name", /is empty/],
    ["testDurationMinutes 0", { testDurationMinutes: 0 }, "testDurationMinutes", /below the minimum 1/],
    ["warmup negative", { warmupDurationMinutes: -1 }, "warmupDurationMinutes", /below the minimum 0/],
    ["unknown field", { partitionPerTopic: 4 }, "partitionPerTopic", /^unknown field; did you mean partitionsPerTopic\?$/],
    ["unknown snake_case field", { partition_per_topic: 4 }, "partition_per_topic", /^unknown field; did you mean partitions_per_topic\?$/],
    ["description field", { description: "x" }, "description", /unknown field/],
  ];
  for (const [title, change, field, problem] of cases) {
    test(title, () => {
      const problems = bad({ ...WORKLOAD, ...change });
      expect(fields(problems)).toEqual([field]);
      expect(problems[0]!.problem).toMatch(problem);
      expect(problems[0]!.line).toBeGreaterThan(0);
    });
  }

  for (const field of ["topics", "partitionsPerTopic", "messageSize", "producersPerTopic"]) {
    test(`${field} is required`, () => {
      const { [field]: _, ...rest } = WORKLOAD as Record<string, unknown>;
      const problems = bad(rest);
      expect(problems.map((p) => [p.field, p.problem])).toEqual([[field, "missing"]]);
    });
  }

  test("every bad field is reported, each at its own line", () => {
    const problems = bad({ ...WORKLOAD, topics: 0, messageSize: -5, producersPerTopic: "x" });
    expect(fields(problems).sort()).toEqual(["messageSize", "producersPerTopic", "topics"]);
    expect(new Set(problems.map((p) => p.line)).size).toBe(3);
  });
});

describe("cross-field rules", () => {
  const { testDurationMinutes: _, ...noDuration } = WORKLOAD;
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["minutes and seconds together", { testDurationSeconds: 30 }, "testDurationSeconds", /together with testDurationMinutes/],
    ["warmup minutes and seconds together", { warmupDurationMinutes: 1, warmupDurationSeconds: 30 }, "warmupDurationSeconds", /together/],
    ["subscriptions need consumers", { consumerPerSubscription: 0 }, "consumerPerSubscription", /is 0 but subscriptionsPerTopic/],
    ["consumers without subscriptions", { subscriptionsPerTopic: 0, consumerPerSubscription: 2 }, "consumerPerSubscription", /producer-only/],
    ["randomized payloads need a pool", { useRandomizedPayloads: true }, "randomizedPayloadPoolSize", /missing/],
    ["payloadFile with randomized payloads", { useRandomizedPayloads: true, randomizedPayloadPoolSize: 5, payloadFile: "x.data" }, "payloadFile", /cannot be used with useRandomizedPayloads/],
    ["randomBytesRatio without randomized payloads", { randomBytesRatio: 0.5 }, "randomBytesRatio", /no effect/],
    ["backlog needs a fixed rate", { consumerBacklogSizeGB: 1, producerRate: 0 }, "producerRate", /fixed rate above 0 for a backlog test/],
    ["backlog needs subscriptions", { consumerBacklogSizeGB: 1, subscriptionsPerTopic: 0, consumerPerSubscription: 0 }, "subscriptionsPerTopic", /backlog test/],
    ["drain ratio without backlog", { backlogDrainRatio: 0.5 }, "backlogDrainRatio", /no effect/],
    ["total partitions bound", { topics: 1000, partitionsPerTopic: 20_000 }, "partitionsPerTopic", /at most 10000000 partitions/],
    ["total producers bound", { topics: 100_000, producersPerTopic: 101 }, "producersPerTopic", /at most 10000000 producers/],
  ];
  for (const [title, change, field, expected] of cases) {
    test(title, () => {
      const problems = bad({ ...WORKLOAD, ...change });
      const p = problems.find((x) => x.field === field);
      expect(p, JSON.stringify(problems)).toBeDefined();
      expect(`${p!.problem} (expected ${p!.expected})`).toMatch(expected);
    });
  }

  test("a test duration is required", () => {
    const problems = bad(noDuration);
    expect(problems.map((p) => [p.field, p.problem])).toEqual([["testDurationMinutes", "missing"]]);
    expect(problems[0]!.expected).toContain("testDurationSeconds");
  });

  test("a backlog test with a rate and subscriptions loads", () => {
    expect(ok({ ...WORKLOAD, consumerBacklogSizeGB: 0.5, backlogDrainRatio: 0.9 })).toMatchObject({ consumerBacklogSizeGB: 0.5, backlogDrainRatio: 0.9 });
  });
});

describe("thresholds (an omb extension)", () => {
  test("a list of k6-style thresholds is kept; none means the field is left out", () => {
    expect(ok({ ...WORKLOAD, thresholds: ["publishLatency.p99<50ms", "lost==0"] }).thresholds).toEqual(["publishLatency.p99<50ms", "lost==0"]);
    expect(ok(WORKLOAD).thresholds).toBeUndefined();
  });

  test("each bad threshold is reported at its own item, with the reason", () => {
    const problems = bad({ ...WORKLOAD, thresholds: ["publishLatency.p99<50ms", "publishLatancy.p99<5ms", "lost.max==0"] });
    expect(fields(problems)).toEqual(["thresholds.1", "thresholds.2"]);
    expect(problems[0]!.problem).toContain("unknown metric publishLatancy");
    expect(bad({ ...WORKLOAD, thresholds: "publishLatency.p99<50ms" }).map((p) => p.field)).toEqual(["thresholds"]);
  });
});

describe("payload files", () => {
  test("relative to the workload file; size must equal messageSize", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "p.data"), new Uint8Array(16).fill(7));
    const r = check({ ...WORKLOAD, messageSize: 16, payloadFile: "p.data" }, dir);
    expect(r.loaded?.payload).toEqual(new Uint8Array(16).fill(7));
    const [p] = bad({ ...WORKLOAD, messageSize: 17, payloadFile: "p.data" }, dir);
    expect(p!.field).toBe("payloadFile");
    expect(p!.problem).toContain("is 16 bytes but messageSize is 17");
  });

  test("a missing payload file names the paths tried", () => {
    const dir = tempDir();
    const [p] = bad({ ...WORKLOAD, payloadFile: "none.data" }, dir);
    expect(p!.field).toBe("payloadFile");
    expect(p!.problem).toContain(join(dir, "none.data"));
  });
});

describe("loadWorkload", () => {
  test("loads by embedded name and by path; a path wins", () => {
    expect(loadWorkload("quick-test").source).toBe("embedded:quick-test");
    const dir = tempDir();
    const path = join(dir, "quick-test");
    writeFileSync(path, yaml({ ...WORKLOAD, name: "from-disk" }));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(loadWorkload("quick-test").workload.name).toBe("from-disk");
    } finally {
      process.chdir(cwd);
    }
  });

  test("neither a file nor an embedded name: close names are listed", () => {
    try {
      loadWorkload("quick-tset");
      throw new Error("loaded");
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).format()).toContain("quick-test");
    }
  });

  test("a driver config's name is not a workload", () => {
    expect(() => loadWorkload("kafka-latency")).toThrow(ConfigError);
  });

  test("ConfigError.format prints file:line:col field: problem (expected …)", () => {
    const dir = tempDir();
    const path = join(dir, "w.yaml");
    writeFileSync(path, yaml({ ...WORKLOAD, topics: 0 }));
    try {
      loadWorkload(path);
      throw new Error("loaded");
    } catch (error) {
      expect((error as ConfigError).format()).toBe(`${path}:2:9 topics: 0 is below the minimum 1 (expected an integer from 1 to 1000000)`);
    }
  });
});
