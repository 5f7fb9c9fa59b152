// The verdict of real runs on the shared broker (SPEC §9): a clean run is ok
// and exits 0; a threshold breach exits 3, and `omb report` re-judges the saved
// result the same way (or with new thresholds); a target rate out of reach and
// consumers that fall behind are invalid and exit 1, each naming the cause.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestResult } from "../src/result/types";
import { readOnlyResult, startOmb, writeWorkload } from "./support/cli";
import { KAFKA_BOOTSTRAP } from "./support/kafka";

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "omb-verdict-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const common = () => ["-d", "throughput", "--bootstrap-servers", KAFKA_BOOTSTRAP];

async function run(name: string, args: string[]): Promise<{ code: number | null; result: TestResult; log: string }> {
  const out = join(dir, name);
  const omb = startOmb(["run", ...common(), "-o", out, ...args]);
  const code = await omb.exited;
  return { code, result: readOnlyResult(out), log: omb.lines.join("\n") };
}

const failing = (r: TestResult) => r.omb.verdict!.checks.filter((c) => !c.ok).map((c) => c.label);

test("a clean 20 s run: exit 0, status ok, every check passed and stored", async () => {
  const { code, result, log } = await run("clean", ["--duration", "20s", "--warmup", "2s", "--stats-interval", "5s", "quick-test"]);
  expect({ code, status: result.omb.status, failing: failing(result) }).toEqual({ code: 0, status: "ok", failing: [] });
  expect(result.omb.verdict!.checks.map((c) => c.id)).toEqual(["workers", "sendErrors", "targetRate", "consumersKeptUp", "lostDuplicated"]);
  expect(log).toContain("✓ target rate held: achieved");
  // Judged per subscription, from the receipts each period counted for it.
  expect(log).toMatch(/✓ consumers kept up: 1 subscription, the slowest at \d+\.\d msg\/s/);
}, 90_000);

test("a threshold breached by a valid run: exit 3; `omb report` says the same and exits 3; new thresholds re-judge it", async () => {
  // A loose rate tolerance: this test is about thresholds, not about a short run's rate on a busy host.
  const { code, result } = await run("threshold", [
    "--duration", "8s", "--warmup", "1s", "--stats-interval", "2s", "--rate-tolerance", "10%", "--threshold", "publishLatency.p99<0.001ms", "quick-test",
  ]);
  expect({ code, status: result.omb.status, failing: failing(result) }).toEqual({ code: 3, status: "ok", failing: [] });
  expect(result.omb.verdict!.thresholds).toMatchObject([{ threshold: "publishLatency.p99<0.001ms", ok: false }]);
  const file = join(dir, "threshold", readdirSync(join(dir, "threshold")).find((f) => f.endsWith(".json"))!);

  const again = startOmb(["report", file]);
  expect(await again.exited).toBe(3);
  expect(again.lines.join("\n")).toMatch(/: ok \(exit 3\)\n\s+✗ publishLatency\.p99<0\.001ms\s+p99=\d/);

  const relaxed = startOmb(["report", "--threshold", "publishLatency.p99<1h", file]);
  expect(await relaxed.exited).toBe(0);
  expect(relaxed.lines.join("\n")).toMatch(/✓ publishLatency\.p99<1h\s+p99=/);
}, 90_000);

test("a fixed rate far beyond capacity: exit 1, invalid, the target rate missed by how much", async () => {
  const { code, result } = await run("beyond", ["--duration", "5s", "--warmup", "0s", "--stats-interval", "1s", "--rate", "5000000", "quick-test"]);
  expect({ code, status: result.omb.status }).toEqual({ code: 1, status: "invalid" });
  expect(failing(result).join("\n")).toMatch(/^target rate missed: achieved \d+\.\d of 5000000 msg\/s \(−\d+\.\d %\)/m);
}, 120_000);

test("a consumer that cannot keep up with what the producers hold: exit 1, invalid, consumers fell behind", async () => {
  // One partition, one message per batch, and a consumer that waits 5 ms on every fetch (about 150–200 msg/s here) of at most one batch.
  const workload = writeWorkload(dir, "slow-consumer", {
    topics: 1, partitionsPerTopic: 1, messageSize: 1024, producersPerTopic: 1, subscriptionsPerTopic: 1, consumerPerSubscription: 1,
    producerRate: 300, testDurationSeconds: 10, warmupDurationSeconds: 0,
  });
  const driver = join(dir, "slow-consumer-driver.yaml");
  await Bun.write(
    driver,
    JSON.stringify({
      name: "slow-consumer",
      driverClass: "io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver",
      replicationFactor: 1,
      commonConfig: `bootstrap.servers=${KAFKA_BOOTSTRAP}`,
      producerConfig: "batch.size=1024\nlinger.ms=0",
      consumerConfig: "auto.offset.reset=earliest\nfetch.min.bytes=100000000\nfetch.max.wait.ms=5\nmax.partition.fetch.bytes=1",
    }),
  );
  const out = join(dir, "slow-consumer");
  const omb = startOmb(["run", "-d", driver, "--stats-interval", "2s", "-o", out, workload]);
  const code = await omb.exited;
  const result = readOnlyResult(out);
  expect({ code, status: result.omb.status }).toEqual({ code: 1, status: "invalid" });
  // The slow subscription is named: topic/subscription.
  expect(failing(result).join("\n")).toMatch(/^consumers fell behind: [^ /]+\/[^ :]+: consume /m);
}, 180_000);

test("a backlog test whose build rate the producers cannot reach: invalid within 2 minutes, naming the reason", async () => {
  const workload = writeWorkload(dir, "backlog-unreachable", {
    topics: 1, partitionsPerTopic: 4, messageSize: 1024, producersPerTopic: 1, subscriptionsPerTopic: 1, consumerPerSubscription: 1,
    producerRate: 5_000_000, consumerBacklogSizeGB: 10, testDurationSeconds: 60, warmupDurationSeconds: 0,
  });
  const t = performance.now();
  const { code, result, log } = await run("backlog-unreachable", ["--stats-interval", "2s", workload]);
  expect(performance.now() - t).toBeLessThan(120_000);
  expect({ code, status: result.omb.status }).toEqual({ code: 1, status: "invalid" });
  expect(failing(result).join("\n")).toMatch(/^backlog not built: producers reach only \d+ of the 5000000 msg\/s build rate/m);
  expect(log).toContain("----- backlog build (10.00 GiB at 5000000 msg/s; consumers paused) -----");
  expect(log).not.toContain("----- benchmark");
}, 150_000);
