// omb across hosts, each its own network stack (scripts/hosts: network namespaces on one
// bridge), with a broker of their own: a run with producers and consumers on different
// hosts, and a network partition of one worker mid-run. Needs root; skipped elsewhere.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeHistogram } from "../../src/stats/histogram";
import { HttpWorker } from "../../src/worker/client/http-worker";
import { readOnlyResult, startOmb, writeWorkload } from "../../test/support/cli";
import { type Hosts, startHosts, type WorkerHost } from "./cluster";
import { namespacesUnavailable } from "./netns";

const unavailable = namespacesUnavailable();
if (unavailable) console.warn(`multi-host tests skipped: ${unavailable}`);

const DEADMAN_SECONDS = 10;
const FAULT_DRIVER = `name: kafka-fault-test
driverClass: io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver
replicationFactor: 1
commonConfig: |
  request.timeout.ms=5000
producerConfig: |
  acks=all
  linger.ms=5
  delivery.timeout.ms=10000
consumerConfig: |
  auto.offset.reset=earliest
  enable.auto.commit=false
`;
const PARTITION_MS = 20_000;

/** Polls until `check` returns a value, at most `ms`; the last error says why not. */
async function eventually<T>(what: string, ms: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = performance.now() + ms;
  let last: unknown;
  while (performance.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await Bun.sleep(250);
  }
  throw new Error(`${what}: not within ${ms / 1000} s${last ? ` (last: ${String(last)})` : ""}`);
}

describe.skipIf(unavailable !== undefined)(unavailable ? `multi-host (skipped: ${unavailable})` : "multi-host", () => {
  let hosts: Hosts;
  let dir = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "omb-hosts-"));
    hosts = await startHosts({ workers: 3, workerArgs: ["--deadman", String(DEADMAN_SECONDS)], log: () => {} });
  }, 180_000);
  afterAll(async () => {
    await hosts?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const coordinate = (out: string, driver: string, args: string[]) =>
    startOmb(["coordinate", "-w", hosts.workers.map((w) => w.url).join(","), "-d", driver, "--bootstrap-servers", hosts.bootstrap, "-o", out, ...args]);

  test("3 worker hosts: producers on one, consumers on the two others, end-to-end latency across hosts, reconciled", async () => {
    const out = join(dir, "three-hosts");
    const workload = writeWorkload(dir, "three-hosts", {
      topics: 2, partitionsPerTopic: 4, messageSize: 512, producersPerTopic: 2, subscriptionsPerTopic: 1, consumerPerSubscription: 2,
      producerRate: 2000, testDurationSeconds: 12, warmupDurationSeconds: 3,
    });
    // About hosts and reconciliation, not the rate held by three hosts on one busy machine: a loose rate tolerance.
    const omb = coordinate(out, "throughput", ["--stats-interval", "3s", "--rate-tolerance", "10%", workload]);
    const code = await omb.exited;
    expect({ code, log: code === 0 ? "" : omb.lines.join("\n") }).toEqual({ code: 0, log: "" });

    const r = readOnlyResult(out);
    expect(r.omb.status).toBe("ok");
    const [producerHost, ...consumerHosts] = hosts.workers.map((w) => r.omb.workers.find((x) => x.id === w.url)!);
    expect(producerHost!.roles).toEqual(["producer"]);
    expect(producerHost!.messagesSent).toBeGreaterThan(20_000);
    expect(producerHost!.messagesReceived).toBe(0);
    for (const c of consumerHosts) {
      expect(c.roles).toEqual(["consumer"]);
      expect(c.messagesSent).toBe(0);
      expect(c.messagesReceived).toBeGreaterThan(5_000);
    }
    for (const s of r.omb.reconciliation.subscriptions) {
      expect(s.lost).toBe(0);
      expect(s.consumed).toBe(s.acked);
    }
    // Every message measured end to end crossed from the producer's host to a consumer's.
    const e2e = decodeHistogram(r.omb.histograms.endToEndLatency);
    expect(e2e.totalCount).toBeGreaterThan(20_000);
    expect(r.aggregatedEndToEndLatency99pct).toBeGreaterThan(0);
    for (const p of r.omb.periods) expect(p.statsPull?.workers).toBe(3);
  }, 120_000);

  test("a worker partitioned for 20 s: named, no hang, its deadman stops its load, incomplete with exit 1, not used again", async () => {
    const out = join(dir, "partition");
    const victim = hosts.workers[0] as WorkerHost; // the producer host
    // Sends cut off by the partition fail within seconds (not throughput's minute), so the
    // victim's deadman stop ends soon after the link is back.
    const driver = join(dir, "kafka-fault-test.yaml");
    writeFileSync(driver, FAULT_DRIVER);
    const omb = coordinate(out, driver, ["--duration", "90s", "--warmup", "0s", "--rate", "1000", "--stats-interval", "1s", "quick-test"]);
    await omb.waitFor(/^Pub rate/, 60_000);
    const cut = performance.now();
    hosts.network.setLink(victim.host, false);
    let code: number | null;
    try {
      code = await Promise.race([omb.exited, Bun.sleep(60_000).then(() => "hung" as const)]).then((c) => {
        if (c === "hung") throw new Error(`the coordinator still runs 60 s after the partition:\n${omb.lines.join("\n")}`);
        return c;
      });
    } finally {
      // The partition lasts its 20 s, however soon the coordinator ended.
      await Bun.sleep(Math.max(0, cut + PARTITION_MS - performance.now()));
      hosts.network.setLink(victim.host, true);
    }
    const endedAfter = performance.now() - cut;
    expect({ code, log: code === 1 ? "" : omb.lines.join("\n") }).toEqual({ code: 1, log: "" });
    expect(endedAfter).toBeLessThan(45_000);

    const r = readOnlyResult(out);
    expect(r.omb.status).toBe("incomplete");
    expect(r.omb.workers.find((w) => w.id === victim.url)!.lost).toStartWith("period stats: no answer within 5 s");
    expect(r.omb.problems.join("\n")).toContain(`worker ${victim.url} lost`);
    const lostAt = omb.lines.findIndex((l) => l.includes(`worker ${victim.url} lost`));
    expect(lostAt).toBeGreaterThan(0);
    // No period figures after the loss: the run ended with what it had.
    expect(omb.lines.slice(lostAt).some((l) => l.startsWith("Pub rate"))).toBe(false);

    // The worker saw no coordinator call for longer than its deadman and stopped its load by itself.
    await eventually("the deadman line", 30_000, async () =>
      victim.output.find((l) => new RegExp(`no coordinator call for \\d+ s \\(deadman ${DEADMAN_SECONDS} s\\) in a session; stopping it as stop-all does`).test(l)),
    );
    // Reachable again, it is idle and refuses the run it left: nothing of it is taken as if it were still in it.
    const client = new HttpWorker(victim.url);
    await eventually("the victim idle again", 60_000, async () => ((await client.health()).state === "idle" ? true : undefined));
    await expect(client.periodStats()).rejects.toThrow(/answered 409: the deadman switch stopped this run /);
    for (const w of hosts.workers.slice(1)) expect((await new HttpWorker(w.url).health()).state).toBe("idle");
  }, 180_000);
});
