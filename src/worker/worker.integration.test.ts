// `omb worker` as a real subprocess with two children against the real broker
// (the broker of test/support/kafka.ts): a full load cycle that reconciles to
// zero lost and zero duplicated, a child killed with SIGKILL mid-load, bad
// requests, the deadman switch, and a clean exit on SIGTERM.
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { DriverConfig } from "../config/types";
import { decodeHistogram, summarizeHistogram } from "../stats/histogram";
import { SequenceSet } from "../stats/sequence-set";
import type { ProducerReport, SubscriptionReport } from "../stats/types";
import { HttpWorker } from "./client/http-worker";
import type { LoadAssignment } from "./api/types";
import { type WorkerProcess, pollUntil, startWorkerProcess } from "../../test/support/worker-process";
import { KAFKA_BOOTSTRAP } from "../../test/support/kafka";
import { pidAlive } from "../../test/support/processes";

const bootstrap = KAFKA_BOOTSTRAP;

const driver: DriverConfig = {
  name: "kafka-test",
  driverClass: "io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver",
  client: "kafkajs",
  replicationFactor: 1,
  reset: false,
  topicConfig: {},
  commonConfig: { "bootstrap.servers": bootstrap },
  producerConfig: { acks: -1, "linger.ms": 1 },
  consumerConfig: {},
};
const load = (workerRate: number): LoadAssignment => ({
  workerRate,
  payload: { kind: "random", size: 256, randomBytesRatio: 0.5, poolSize: 16 },
  keyDistributor: "KEY_ROUND_ROBIN",
});
const token = "integration-token";
const runId = `omb-worker-test-${Date.now().toString(36)}`;

let wp: WorkerProcess;
let worker: HttpWorker;

beforeAll(async () => {
  wp = await startWorkerProcess(["--processes", "2", "--id", "it-worker"], { OMB_TOKEN: token });
  worker = new HttpWorker(wp.url, { token });
});

afterAll(async () => {
  // Whatever a failed test left behind: stop load, remove this file's topics, exit.
  await worker.stop().catch(() => {});
  await worker.initializeDriver(driver).catch(() => {});
  const leftovers = await worker.listTopics(runId).catch(() => []);
  if (leftovers.length) await worker.deleteTopics(leftovers).catch(() => {});
  await worker.stop().catch(() => {});
  await wp.terminate();
});

/** Initialize, one topic, consumers ready, probes seen: the coordinator's run start in small. */
async function prepare(topic: string, producers: string[], consumers: string[]): Promise<void> {
  try {
    await startOfRun(topic, producers, consumers);
  } catch (error) {
    // What the worker and its children logged is the only trace of a hang in a child.
    throw new Error(`${(error as Error).message}\nworker output (last 40 lines):\n${wp.output.slice(-40).join("\n")}`);
  }
}

async function startOfRun(topic: string, producers: string[], consumers: string[]): Promise<void> {
  await worker.initializeDriver(driver);
  await worker.createTopics([{ name: topic, partitions: 8 }]);
  await worker.createConsumers(consumers.map((id) => ({ id, topic, subscription: `${topic}-sub` })));
  await worker.createProducers(producers.map((id) => ({ id, topic })));
  await pollUntil("consumers ready", 30_000, async () => ((await worker.consumersReady()).ready ? true : undefined));
  await worker.probeProducers();
  await pollUntil("probes received", 30_000, async () =>
    (await worker.counters()).probesReceived >= producers.length ? true : undefined,
  );
}

/** A deadman test's end: its topic removed through a fresh session, then its worker stopped (exit 0). */
async function removeTopicAndExit(client: HttpWorker, wp: WorkerProcess, topic: string): Promise<void> {
  await client.initializeDriver(driver).catch(() => {});
  await client.deleteTopics([topic]).catch(() => {});
  await client.stop().catch(() => {});
  expect(await wp.terminate()).toBe(0);
}

const ms = (encoded: string) => {
  const s = summarizeHistogram(decodeHistogram(encoded));
  return `p50 ${(s.p50 / 1000).toFixed(1)} ms p99 ${(s.p99 / 1000).toFixed(1)} ms max ${(s.max / 1000).toFixed(1)} ms`;
};

function lostOf(subscription: SubscriptionReport, producers: ProducerReport[]): number {
  let lost = 0;
  for (const p of producers) {
    const received = subscription.receivedByProducer[p.id];
    const seen = received ? SequenceSet.decode(received) : new SequenceSet();
    lost += seen.countMissing(p.sent, SequenceSet.decode(p.failedSequences));
  }
  return lost;
}

test(
  "2,000 msg/s for 10 s over two children: all acked and consumed, none lost or duplicated",
  async () => {
    const topic = `${runId}-steady`;
    expect((await worker.health()).processes).toBe(2);
    await prepare(topic, ["p0", "p1", "p2", "p3"], ["c0", "c1"]);
    const children = (await worker.health()).children ?? [];
    expect(children.map((c) => [c.producers, c.consumers])).toEqual([
      [2, 1],
      [2, 1],
    ]);

    await worker.resetStats();
    await worker.periodStats(); // start the measured period now
    const started = performance.now();
    await worker.startLoad(load(2_000));
    let periodSent = 0;
    let periodReceived = 0;
    while (performance.now() - started < 10_000) {
      await Bun.sleep(2_000); // the stats interval of this test
      const period = await worker.periodStats();
      periodSent += period.messagesSent;
      periodReceived += period.messagesReceived;
      expect(period.crashed).toEqual([]);
    }
    const loadSeconds = (performance.now() - started) / 1000;
    const producers = await worker.stopLoad();
    const acked = producers.reduce((n, p) => n + p.acked, 0);
    const sent = producers.reduce((n, p) => n + p.sent, 0);
    // Consumers keep going after stopLoad: wait until they have every acked message.
    await pollUntil("consumers caught up", 30_000, async () =>
      (await worker.counters()).messagesReceived >= acked ? true : undefined,
    );

    const last = await worker.periodStats();
    periodSent += last.messagesSent;
    periodReceived += last.messagesReceived;
    // Drained on read: an immediate second read holds nothing of what was already read.
    const drainedAgain = await worker.periodStats();
    expect(drainedAgain.messagesSent).toBe(0);
    expect(drainedAgain.messagesReceived).toBe(0);
    expect(decodeHistogram(drainedAgain.publishLatency).totalCount).toBe(0);

    // Cumulative latencies are not drained: two reads agree, and hold one value per ack.
    const first = await worker.cumulativeLatencies();
    const second = await worker.cumulativeLatencies();
    expect(decodeHistogram(first.publishLatency).totalCount).toBe(acked);
    expect(decodeHistogram(second.publishLatency).totalCount).toBe(acked);
    expect(decodeHistogram(second.endToEndLatency).totalCount).toBe(acked);

    const result = await worker.stop();
    console.log(
      `steady: ${loadSeconds.toFixed(2)} s of load, sent ${sent}, acked ${acked}, period sums sent ${periodSent} received ${periodReceived}, ` +
        `subscriptions ${JSON.stringify(result.subscriptions.map((s) => ({ received: s.received, duplicates: s.duplicates })))}, ` +
        `${result.system.length} system samples; publish latency ${ms(second.publishLatency)}, ` +
        `end-to-end ${ms(second.endToEndLatency)}, publish delay ${ms(second.publishDelay)}`,
    );
    // The rate held: 2,000 msg/s over the time the load ran, within half a second's worth.
    expect(Math.abs(sent - 2_000 * loadSeconds)).toBeLessThan(1_000);
    expect(acked).toBe(sent);
    expect(producers.every((p) => p.failed === 0)).toBe(true);
    expect(periodSent).toBe(acked);
    expect(periodReceived).toBe(acked);
    expect(result.crashed).toEqual([]);
    expect(result.producers.map((p) => p.acked).sort()).toEqual(producers.map((p) => p.acked).sort());
    expect(result.subscriptions).toHaveLength(1);
    const subscription = result.subscriptions[0]!;
    expect(subscription.received).toBe(acked);
    expect(subscription.duplicates).toBe(0);
    expect(lostOf(subscription, producers)).toBe(0);
    expect(result.system.length).toBeGreaterThan(5);
    expect((await worker.health()).state).toBe("idle");
    await worker.initializeDriver(driver);
    expect(await worker.deleteTopics([topic])).toEqual([]);
    await worker.stop();
  },
  { timeout: 90_000 },
);

test(
  "1 producer and 1 consumer on two children: one child each, none idle",
  async () => {
    const topic = `${runId}-placement`;
    await prepare(topic, ["p0"], ["c0"]);
    const children = (await worker.health()).children ?? [];
    expect(children.map((c) => [c.producers, c.consumers])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    await worker.stop();
    await worker.initializeDriver(driver);
    expect(await worker.deleteTopics([topic])).toEqual([]);
    await worker.stop();
  },
  { timeout: 90_000 },
);

test(
  "a child killed with SIGKILL mid-load is reported with its producers and consumers; stop still returns",
  async () => {
    const topic = `${runId}-crash`;
    await prepare(topic, ["p0", "p1"], ["c0", "c1"]);
    await worker.startLoad(load(500));
    await pollUntil("load flowing", 20_000, async () =>
      (await worker.counters()).messagesReceived > 200 ? true : undefined,
    );
    const victim = (await worker.health()).children?.[1];
    expect(victim?.alive).toBe(true);
    process.kill(victim!.pid, "SIGKILL");

    const health = await pollUntil("crash reported", 10_000, async () => {
      const h = await worker.health();
      return h.crashed.length > 0 ? h : undefined;
    });
    expect(health.crashed).toEqual([{ child: 1, exitCode: null, signal: "SIGKILL", producers: ["p1"], consumers: ["c1"] }]);
    // The worker keeps serving: stats and counters come from the surviving child, crash included.
    const period = await worker.periodStats();
    expect(period.crashed).toEqual(health.crashed);
    const before = (await worker.counters()).messagesSent;
    await pollUntil("survivor keeps sending", 10_000, async () =>
      (await worker.counters()).messagesSent > before + 100 ? true : undefined,
    );
    const readiness = await worker.consumersReady();
    expect(readiness.pending).toEqual(["c1"]);

    const started = performance.now();
    const result = await worker.stop();
    expect(performance.now() - started).toBeLessThan(60_000);
    expect(result.crashed).toEqual(health.crashed);
    expect(result.producers.map((p) => p.id)).toEqual(["p0"]);
    expect(result.producers[0]!.acked).toBeGreaterThan(0);
    expect(result.producers[0]!.acked + result.producers[0]!.failed).toBe(result.producers[0]!.sent);
    expect(result.subscriptions.map((s) => s.subscription)).toEqual([`${topic}-sub`]);
    console.log(
      `crash: survivor p0 sent ${result.producers[0]!.sent} acked ${result.producers[0]!.acked}; ` +
        `crashed ${JSON.stringify(result.crashed)}`,
    );
    // A new run gets fresh children; the crash record belongs to the old one.
    await worker.initializeDriver(driver);
    expect((await worker.health()).crashed).toEqual([]);
    expect(await worker.deleteTopics([topic])).toEqual([]);
    await worker.stop();
  },
  { timeout: 90_000 },
);

test(
  "bad requests get 400/413/401 with a reason, and the worker keeps serving",
  async () => {
    const post = (path: string, body: string, auth = `Bearer ${token}`) =>
      fetch(`${wp.url}${path}`, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body });
    const errorOf = async (r: Response) => `${r.status} ${((await r.json()) as { error: string }).error}`;

    expect(await errorOf(await post("/initialize-driver", JSON.stringify({ ...driver, replicationFactor: "1" })))).toMatch(
      /^400 body\.replicationFactor: Invalid type: Expected number but received "1"/,
    );
    const { commonConfig: _, ...noCommon } = driver;
    expect(await errorOf(await post("/initialize-driver", JSON.stringify(noCommon)))).toMatch(/^400 body\.commonConfig: Invalid key/);
    expect(await errorOf(await post("/start-load", JSON.stringify({ ...load(10), keyDistributor: "SOMETIMES" })))).toMatch(
      /^400 body\.keyDistributor: Invalid type: Expected \("NO_KEY"/,
    );
    expect(await errorOf(await post("/list-topics", JSON.stringify({ prefix: "x".repeat(2 * 1024 * 1024) })))).toMatch(/^413 body: larger than/);
    expect(await errorOf(await post("/list-topics", "{}", "Bearer wrong"))).toBe("401 Authorization: wrong token");
    expect(await errorOf(await post("/start-load", JSON.stringify(load(10))))).toMatch(/^409 cannot start load in state idle/);
    const health = await fetch(`${wp.url}/health`); // no token needed
    expect(health.status).toBe(200);
    expect(((await health.json()) as { state: string }).state).toBe("idle");
    const metrics = await fetch(`${wp.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(await metrics.text()).toContain('omb_worker_state{worker="it-worker",state="idle"} 1');
  },
  { timeout: 30_000 },
);

test(
  "the deadman switch stops load when the coordinator goes quiet, and keeps the result",
  async () => {
    const dm = await startWorkerProcess(["--processes", "1", "--deadman", "2"]);
    const client = new HttpWorker(dm.url);
    const topic = `${runId}-deadman`;
    try {
      await client.initializeDriver(driver);
      await client.createTopics([{ name: topic, partitions: 1 }]);
      await client.createProducers([{ id: "p0", topic }]);
      await client.startLoad(load(100));
      // Only /health from now on: it does not count as a coordinator call.
      await pollUntil("deadman stop", 15_000, async () => ((await client.health()).state === "idle" ? true : undefined));
      expect(dm.output.some((l) => /no coordinator call for \d+ s \(deadman 2 s\) in a session; stopping it as stop-all does/.test(l))).toBe(true);
      const kept = await client.stop();
      expect(kept.producers).toHaveLength(1);
      expect(kept.producers[0]!.sent).toBeGreaterThan(0);
      expect(kept.producers[0]!.acked).toBe(kept.producers[0]!.sent);
    } finally {
      await removeTopicAndExit(client, dm, topic);
    }
  },
  { timeout: 60_000 },
);

test(
  "the deadman switch also tears down a consumer-only session (never started load): consumers and children gone",
  async () => {
    const dm = await startWorkerProcess(["--processes", "2", "--deadman", "2"]);
    const client = new HttpWorker(dm.url);
    const topic = `${runId}-deadman-consumers`;
    try {
      expect((await client.health()).deadmanSeconds).toBe(2);
      await client.initializeDriver(driver);
      await client.createTopics([{ name: topic, partitions: 2 }]);
      await client.createConsumers([{ id: "c0", topic, subscription: `${topic}-sub` }]);
      const pids = ((await client.health()).children ?? []).map((c) => c.pid);
      expect(pids).toHaveLength(2);
      // Only /health from now on: no start-load ever comes, as on a consumer-only worker whose coordinator died.
      await pollUntil("deadman teardown", 20_000, async () => ((await client.health()).state === "idle" ? true : undefined));
      expect((await client.health()).children).toEqual([]);
      await pollUntil("children gone", 15_000, async () => (pids.some(pidAlive) ? undefined : true));
      await expect(client.consumersReady()).rejects.toThrow(/409: the deadman switch stopped this run/);
    } finally {
      await removeTopicAndExit(client, dm, topic);
    }
  },
  { timeout: 60_000 },
);

test(
  "children exit when their worker is killed with SIGKILL (no orphan producers)",
  async () => {
    const doomed = await startWorkerProcess(["--processes", "2"]);
    const client = new HttpWorker(doomed.url);
    await client.initializeDriver(driver);
    const pids = ((await client.health()).children ?? []).map((c) => c.pid);
    expect(pids).toHaveLength(2);
    doomed.process.kill("SIGKILL");
    await doomed.process.exited;
    await pollUntil("children gone", 15_000, async () => (pids.some(pidAlive) ? undefined : true));
  },
  { timeout: 30_000 },
);

test(
  "SIGTERM stops load, closes the children and exits 0",
  async () => {
    const topic = `${runId}-sigterm`;
    await prepare(topic, ["p0"], ["c0"]);
    await worker.startLoad(load(100));
    const pids = ((await worker.health()).children ?? []).map((c) => c.pid);
    expect(pids).toHaveLength(2);
    expect(await wp.terminate()).toBe(0);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    expect(wp.output.some((l) => l.includes("SIGTERM, stopping load and closing clients"))).toBe(true);
    wp = await startWorkerProcess(["--processes", "1"], { OMB_TOKEN: token });
    worker = new HttpWorker(wp.url, { token });
    await worker.initializeDriver(driver);
    expect(await worker.deleteTopics([topic])).toEqual([]);
    await worker.stop();
  },
  { timeout: 60_000 },
);
