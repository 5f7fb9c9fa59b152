// Acceptance of `omb run` / `omb coordinate` against the real broker and real
// workers: a clean run reconciles, max-rate discovery settles, a worker killed
// mid-run and a Ctrl-C both end the run within bounds, cleaned up.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeHistogram } from "../stats/histogram";
import { HttpWorker } from "../worker/client/http-worker";
import { KAFKA_BOOTSTRAP, testKafka } from "../../test/support/kafka";
import { startWorkerProcess, type WorkerProcess } from "../../test/support/worker-process";
import { readOnlyResult, startOmb, writeWorkload } from "../../test/support/cli";

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "omb-run-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const common = () => ["-d", "throughput", "--bootstrap-servers", KAFKA_BOOTSTRAP];

async function topicsWithPrefix(prefix: string): Promise<string[]> {
  const admin = testKafka("omb-run-test").admin();
  await admin.connect();
  try {
    return (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  } finally {
    await admin.disconnect();
  }
}

const JAVA_FIELDS = ["publishRate", "publishErrorRate", "consumeRate", "backlog", "publishLatency99pct", "publishDelayLatency99pct", "endToEndLatency99pct", "aggregatedPublishLatency99pct", "aggregatedPublishDelayLatency99pct", "aggregatedEndToEndLatency99pct", "aggregatedPublishLatencyQuantiles", "aggregatedPublishDelayLatencyQuantiles", "aggregatedEndToEndLatencyQuantiles"];

test("omb run --local-workers 2: 2 topics × 4 partitions, 2 subscriptions, 5,000 msg/s reconciles exactly", async () => {
  const out = join(dir, "acceptance");
  const workload = writeWorkload(dir, "acceptance", {
    topics: 2, partitionsPerTopic: 4, messageSize: 1024, useRandomizedPayloads: true, randomBytesRatio: 0.5, randomizedPayloadPoolSize: 100,
    producersPerTopic: 2, subscriptionsPerTopic: 2, consumerPerSubscription: 2, producerRate: 5000, testDurationSeconds: 20, warmupDurationSeconds: 5,
  });
  const omb = startOmb(["run", "--local-workers", "2", ...common(), "--stats-interval", "5s", "-o", out, workload]);
  const code = await omb.exited;
  expect({ code, log: code === 0 ? "" : omb.lines.join("\n") }).toEqual({ code: 0, log: "" });

  const r = readOnlyResult(out);
  for (const field of JAVA_FIELDS) expect(r).toHaveProperty(field);
  expect(r.publishRate.length).toBeGreaterThanOrEqual(2);
  expect(r.omb.status).toBe("ok");
  expect(r.omb.reconciliation.subscriptions).toHaveLength(4);
  for (const s of r.omb.reconciliation.subscriptions) {
    expect(s.consumed).toBe(s.acked);
    expect(s.lost).toBe(0);
    expect(s.acked).toBeGreaterThan(100_000 / 2);
  }
  expect(Math.abs(r.omb.throughput.publishRate - 5000) / 5000).toBeLessThanOrEqual(0.02);
  const p99 = decodeHistogram(r.omb.histograms.publishLatency).getValueAtPercentile(99) / 1000;
  expect(r.aggregatedPublishLatency99pct).toBe(p99);
  expect(r.omb.topicCleanup.leftovers).toEqual([]);
  expect(await topicsWithPrefix(`omb-${r.omb.testId}-`)).toEqual([]);
}, 120_000);

test("producerRate 0 on 1 topic × 16 partitions: a sustained rate is found and the backlog stays bounded", async () => {
  const out = join(dir, "max-rate");
  const omb = startOmb(["run", ...common(), "--rate", "0", "--duration", "18s", "--warmup", "6s", "--stats-interval", "3s", "-o", out, "max-rate-16-partitions-1kb"]);
  const code = await omb.exited;
  const r = readOnlyResult(out);
  expect({ code, status: r.omb.status }).toEqual({ code: 0, status: "ok" });
  const found = r.omb.maxRate!;
  expect(found.sustainedRate).toBeGreaterThan(500);
  expect(found.history.length).toBeGreaterThan(3);
  // Bounded: never more than 5 seconds' worth of the sustained rate waiting.
  for (const backlog of r.backlog) expect(backlog).toBeLessThan(5 * found.sustainedRate);
  expect(r.omb.reconciliation.lost).toBe(0);
}, 120_000);

describe("failures end the run within bounds, cleaned up", () => {
  let workers: WorkerProcess[] = [];
  beforeAll(async () => {
    workers = await Promise.all([startWorkerProcess(["--processes", "1", "--id", "w0"]), startWorkerProcess(["--processes", "1", "--id", "w1"])]);
  });
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.terminate()));
  });

  test("SIGINT mid-run: exit 1, partial result marked aborted, topics deleted, workers idle", async () => {
    const out = join(dir, "sigint");
    const omb = startOmb(["coordinate", "-w", workers.map((w) => w.url).join(","), ...common(), "--duration", "60s", "--warmup", "0s", "--stats-interval", "2s", "-o", out, "quick-test"]);
    await omb.waitFor(/^Pub rate/, 60_000);
    const t = performance.now();
    omb.process.kill("SIGINT");
    const code = await omb.exited;
    expect(code).toBe(1);
    expect(performance.now() - t).toBeLessThan(30_000);
    const r = readOnlyResult(out);
    expect(r.omb.status).toBe("aborted");
    expect(r.publishRate.length).toBeGreaterThanOrEqual(1);
    expect(r.omb.problems.join()).toContain("SIGINT");
    expect(await topicsWithPrefix(`omb-${r.omb.testId}-`)).toEqual([]);
    for (const w of workers) expect((await new HttpWorker(w.url).health()).state).toBe("idle");
  }, 120_000);

  test("a worker killed mid-run: exit 1 within the bounds, result incomplete naming it, topics deleted", async () => {
    const out = join(dir, "kill");
    const [victim, survivor] = workers as [WorkerProcess, WorkerProcess];
    const omb = startOmb(["coordinate", "-w", `${victim.url},${survivor.url}`, ...common(), "--duration", "60s", "--warmup", "0s", "--stats-interval", "2s", "-o", out, "quick-test"]);
    await omb.waitFor(/^Pub rate/, 60_000);
    const t = performance.now();
    victim.process.kill("SIGKILL");
    const code = await omb.exited;
    expect(code).toBe(1);
    expect(performance.now() - t).toBeLessThan(60_000);
    const r = readOnlyResult(out);
    expect(r.omb.status).toBe("incomplete");
    const lost = r.omb.workers.find((w) => w.id === victim.url)!;
    expect(lost.lost).toBeString();
    expect(r.omb.problems.join()).toContain(victim.url);
    expect(r.omb.topicCleanup.leftovers).toEqual([]);
    expect(await topicsWithPrefix(`omb-${r.omb.testId}-`)).toEqual([]);
    expect((await new HttpWorker(survivor.url).health()).state).toBe("idle");
  }, 120_000);
});
