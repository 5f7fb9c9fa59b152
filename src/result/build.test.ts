import { describe, expect, test } from "bun:test";
import { hist, period, sampleResult, spread, workload } from "../../test/support/fixtures";
import { decodeHistogram, mergeEncodedHistograms } from "../stats/histogram";
import { buildTestResult, runOutcome, throughputOf, type ResultInput } from "./build";
import { javaFields } from "./java-fields";
import { quantiles } from "./latency";
import { periodFigures } from "./period";

/** Every public field of Java OMB's TestResult.java. */
const JAVA_FIELDS = (
  "workload driver messageSize topics partitions producersPerTopic consumersPerTopic " +
  "publishRate publishErrorRate consumeRate backlog publishLatencyAvg publishLatency50pct publishLatency75pct " +
  "publishLatency95pct publishLatency99pct publishLatency999pct publishLatency9999pct publishLatencyMax " +
  "publishDelayLatencyAvg publishDelayLatency50pct publishDelayLatency75pct publishDelayLatency95pct " +
  "publishDelayLatency99pct publishDelayLatency999pct publishDelayLatency9999pct publishDelayLatencyMax " +
  "aggregatedPublishLatencyAvg aggregatedPublishLatency50pct aggregatedPublishLatency75pct aggregatedPublishLatency95pct " +
  "aggregatedPublishLatency99pct aggregatedPublishLatency999pct aggregatedPublishLatency9999pct aggregatedPublishLatencyMax " +
  "aggregatedPublishDelayLatencyAvg aggregatedPublishDelayLatency50pct aggregatedPublishDelayLatency75pct " +
  "aggregatedPublishDelayLatency95pct aggregatedPublishDelayLatency99pct aggregatedPublishDelayLatency999pct " +
  "aggregatedPublishDelayLatency9999pct aggregatedPublishDelayLatencyMax aggregatedPublishLatencyQuantiles " +
  "aggregatedPublishDelayLatencyQuantiles endToEndLatencyAvg endToEndLatency50pct endToEndLatency75pct " +
  "endToEndLatency95pct endToEndLatency99pct endToEndLatency999pct endToEndLatency9999pct endToEndLatencyMax " +
  "aggregatedEndToEndLatencyQuantiles aggregatedEndToEndLatencyAvg aggregatedEndToEndLatency50pct " +
  "aggregatedEndToEndLatency75pct aggregatedEndToEndLatency95pct aggregatedEndToEndLatency99pct " +
  "aggregatedEndToEndLatency999pct aggregatedEndToEndLatency9999pct aggregatedEndToEndLatencyMax"
).split(" ");

const w = workload();
const p1 = period();
const p2 = period({ startedAt: p1.endedAt, endedAt: p1.endedAt + 10_000, publishLatency: hist(spread(1000, 30_000)) });
const cumulative = {
  publishLatency: mergeEncodedHistograms([p1.publishLatency, p2.publishLatency]),
  publishDelay: mergeEncodedHistograms([p1.publishDelay, p2.publishDelay]),
  intendedPublishLatency: mergeEncodedHistograms([p1.intendedPublishLatency, p2.intendedPublishLatency]),
  endToEndLatency: mergeEncodedHistograms([p1.endToEndLatency, p2.endToEndLatency]),
};
const measured = [periodFigures(p1, 2, "measured"), periodFigures(p2, 2, "measured")];

describe("Java OMB fields", () => {
  const fields = javaFields({ workload: w, driverName: "Kafka", periods: measured, cumulative });

  test("all 62 of TestResult.java, and nothing else", () => {
    expect(JAVA_FIELDS).toHaveLength(62);
    expect(Object.keys(fields).sort()).toEqual([...JAVA_FIELDS].sort());
  });

  test("units: latencies in ms, publish delay in whole µs", () => {
    expect(fields.publishLatency99pct[0]).toBeCloseTo(9.9, 1);
    expect(fields.publishLatencyMax[1]).toBeCloseTo(30, 0);
    expect(fields.publishDelayLatency99pct[0]).toBe(495);
    expect(Number.isInteger(fields.aggregatedPublishDelayLatency999pct)).toBe(true);
    expect(fields.endToEndLatency50pct[0]).toBeCloseTo(10, 1);
  });

  test("aggregated percentiles come from the merged histogram, not from averaging periods", () => {
    const merged = decodeHistogram(cumulative.publishLatency);
    expect(fields.aggregatedPublishLatency99pct).toBe(merged.getValueAtPercentile(99) / 1000);
    const averaged = (fields.publishLatency99pct[0]! + fields.publishLatency99pct[1]!) / 2;
    expect(fields.aggregatedPublishLatency99pct).not.toBeCloseTo(averaged, 0);
  });

  test("series: one entry per measured period; backlog counts every subscription", () => {
    expect(fields.publishRate).toEqual([5000, 5000]);
    expect(fields.consumeRate).toEqual([10_000, 10_000]);
    expect(fields.backlog).toEqual([0, 0]);
    expect(periodFigures(period({ totalMessagesSent: 100, totalMessagesReceived: 150 }), 2, "measured").backlog).toBe(50);
  });

  test("quantile maps: Java's percentile keys, increasing values, ending at 100 = max", () => {
    const q = quantiles(decodeHistogram(cumulative.publishLatency), "ms");
    const keys = Object.keys(q);
    expect(keys[0]).toBe("0.0");
    expect(keys).toContain("50.0");
    expect(keys.at(-1)).toBe("100.0");
    const values = Object.values(q);
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
    expect(q["100.0"]).toBe(fields.aggregatedPublishLatencyMax);
  });
});

test("throughput over the real concurrent window: earliest start to latest end", () => {
  const a = periodFigures(period({ startedAt: 0, endedAt: 10_000, messagesSent: 30_000 }), 1, "measured");
  const b = periodFigures(period({ startedAt: 10_000, endedAt: 12_000, messagesSent: 6_000 }), 1, "measured");
  const t = throughputOf([a, b]);
  expect(t.seconds).toBe(12);
  expect(t.publishRate).toBe(3000);
  expect(throughputOf([]).publishRate).toBe(0);
});

describe("outcome", () => {
  const base = { aborted: undefined, lost: new Map(), crashed: new Map(), measuredCompleted: true, loadStarted: true };
  test.each([
    [{}, "completed"],
    [{ loadStarted: false, measuredCompleted: false }, "failed"],
    [{ aborted: "SIGINT" }, "aborted"],
    [{ lost: new Map([["w1", "gone"]]) }, "incomplete"],
    [{ crashed: new Map([["w1", [{ child: 0, exitCode: null, signal: "SIGKILL", producers: [], consumers: [] }]]]) }, "incomplete"],
    [{ measuredCompleted: false }, "incomplete"],
  ])("%p → %s", (over, status) => {
    expect(runOutcome({ ...base, ...over })).toBe(status as never);
  });
});

test("buildTestResult: omb block with histograms that re-merge to the Java figures", () => {
  const input: ResultInput = {
    testId: "acceptance-20250101-000000",
    workload: w,
    workloadRef: { workload: w, source: "embedded:acceptance" },
    driverRef: { driver: { name: "Kafka", driverClass: "kafkajs", client: "kafkajs", replicationFactor: 1, reset: false, topicConfig: {}, commonConfig: { "bootstrap.servers": "b:1" }, producerConfig: {}, consumerConfig: {} }, source: "x.yaml", warnings: [] },
    redactedDriver: { name: "Kafka", driverClass: "kafkajs", client: "kafkajs", replicationFactor: 1, reset: false, topicConfig: {}, commonConfig: { "sasl.jaas.config": "<redacted>" }, producerConfig: {}, consumerConfig: {} },
    topicNames: ["omb-x-0"],
    roles: { producerWorkers: ["w0"], consumerWorkers: ["w1"] },
    workerIds: ["w0", "w1"],
    startedAt: new Date(0),
    endedAt: new Date(30_000),
    targetRate: 5000,
    statsIntervalMs: 10_000,
    health: new Map(),
    lost: new Map([["w1", "period stats: connection refused"]]),
    periods: [periodFigures(p1, 2, "warmup"), ...measured],
    perWorker: new Map(),
    cumulative,
    producerReports: new Map(),
    stopResults: new Map(),
    crashed: new Map(),
    loadStarted: true,
    measuredCompleted: false,
    problems: [],
    reconciliation: { subscriptions: [], acked: 0, failed: 0, lost: 0, duplicated: 0, duplicatesAllowed: false, duplicatesNote: "", clean: true, complete: false },
    topicCleanup: { kept: false, deleted: ["omb-x-0"], leftovers: [] },
  };
  const r = buildTestResult(input);
  expect(r.publishRate).toHaveLength(2);
  expect(r.omb.periods.map((p) => p.phase)).toEqual(["warmup", "measured", "measured"]);
  expect(r.omb.status).toBe("incomplete");
  expect(r.omb.problems.join()).toContain("worker w1 lost");
  expect(r.omb.workers.map((x) => [x.id, x.roles, x.lost])).toEqual([
    ["w0", ["producer"], undefined],
    ["w1", ["consumer"], "period stats: connection refused"],
  ]);
  expect(decodeHistogram(r.omb.histograms.publishLatency).getValueAtPercentile(99) / 1000).toBe(r.aggregatedPublishLatency99pct);
  expect(r.omb.aggregatedIntendedPublishLatency.p99).toBeGreaterThan(r.aggregatedPublishLatency50pct);
  expect(r.omb.driverConfig.commonConfig["sasl.jaas.config"]).toBe("<redacted>");
  expect(JSON.parse(JSON.stringify(r))).toEqual(r);
});

test("every period keeps its merged histograms, MiB/s and errors by type: any percentile over time can be read later", () => {
  const errors = periodFigures(period({ messageSendErrors: 3, errorsByType: { timeout: 3 } }), 2, "measured");
  const r = sampleResult({ periods: [periodFigures(p1, 2, "warmup"), measured[1]!, errors] });
  expect(r.omb.periods.map((p) => p.histograms.publishLatency)).toEqual([p1.publishLatency, p2.publishLatency, p1.publishLatency]);
  expect(r.omb.periods[1]!.histograms).toEqual({
    publishLatency: p2.publishLatency,
    publishDelay: p2.publishDelay,
    intendedPublishLatency: p2.intendedPublishLatency,
    endToEndLatency: p2.endToEndLatency,
  });
  // The histograms give back the Java per-period figures of the measured periods.
  const measuredPeriods = r.omb.periods.filter((p) => p.phase === "measured");
  expect(measuredPeriods.map((p) => decodeHistogram(p.histograms.publishLatency).getValueAtPercentile(99) / 1000)).toEqual(r.publishLatency99pct);
  expect(r.omb.periods[2]!.errorsByType).toEqual({ timeout: 3 });
  expect(r.omb.periods[1]!.publishMBps).toBeCloseTo(50_000 * 1024 / 10 / 1024 ** 2, 6);
});

test("each worker keeps its measured-phase system samples, column by column", () => {
  const system = [1000, 2000, 3000].map((at, i) => ({ at, cpuPercent: 10 + i, memoryUsedBytes: 1e9, memoryTotalBytes: 2e9, processRssBytes: 5e7, netRxBytesPerSec: 0, netTxBytesPerSec: 0, diskReadBytesPerSec: 0, diskWriteBytesPerSec: 4096 }));
  const r = sampleResult({ perWorker: new Map([["http://w0:1", { messagesSent: 1, messagesReceived: 0, publishErrors: 0, system }]]) });
  expect(r.omb.workers[0]!.systemSeries).toMatchObject({ at: [1000, 2000, 3000], cpuPercent: [10, 11, 12], diskWriteBytesPerSec: [4096, 4096, 4096] });
  expect(r.omb.workers[1]!.systemSeries).toBeUndefined();
});
