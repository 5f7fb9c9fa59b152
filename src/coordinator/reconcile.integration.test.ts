// Reconciliation proven end to end on a run that really loses and duplicates
// messages: a real coordinator session over three real workers on the shared
// broker, with messages taken away and added from outside, in the run's own
// topic only. One producer worker, and one consumer worker per subscription,
// so that pausing a worker pauses exactly one subscription:
// - sub-0's consumers are paused before load starts; records are deleted from
//   the log (Kafka's DeleteRecords) up to known offsets before sub-0 reads them,
//   then it resumes: exactly that many are lost for sub-0, none for sub-1, which
//   had consumed them first;
// - a known number of the run's records are produced again, omb headers intact:
//   exactly that many are duplicated for each subscription.
// The hooks sit in the producer worker's startLoad and stopLoad, the seams of
// the run the coordinator itself calls.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Admin, KafkaMessage } from "kafkajs";
import { ExitCode } from "../exit-codes";
import type { TestResult } from "../result/types";
import { judge } from "../result/verdict";
import type { RunLog } from "../report/run-log";
import { PLAIN } from "../report/style";
import type { TopicSpec } from "../drivers/driver";
import type { LoadAssignment } from "../worker/api/types";
import type { ProducerReport } from "../stats/types";
import { HttpWorker } from "../worker/client/http-worker";
import { KAFKA_BOOTSTRAP, testKafka, uniqueName } from "../../test/support/kafka";
import { pollUntil, startWorkerProcess, type WorkerProcess } from "../../test/support/worker-process";
import { readOnlyResult, writeWorkload } from "../../test/support/cli";
import type { SessionOptions } from "./options";
import { runSession } from "./session";
import { loadTests } from "./session-config";

const PARTITIONS = 2;
/** Deleted from each partition before sub-0 reads them. */
const DELETED_PER_PARTITION = 40;
const LOST = PARTITIONS * DELETED_PER_PARTITION;
/** Produced a second time; at least LOST / 2, so the drain's receipt count is reached. */
const DUPLICATED = 60;
const WAIT_MS = 60_000;

type Offsets = Map<number, bigint>;

/** Partition → high watermark (the next offset to be written). */
async function highWatermarks(admin: Admin, topic: string): Promise<Offsets> {
  return new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, BigInt(p.high)]));
}

/** Partition → the group's committed offset (-1 when none yet). */
async function committed(admin: Admin, group: string, topic: string): Promise<Offsets> {
  const [entry] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  return new Map((entry?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
}

const reaches = (have: Offsets, want: Offsets) => [...want].every(([p, offset]) => (have.get(p) ?? -1n) >= offset);

/**
 * Takes records away and adds copies from outside, at the moments the run's
 * producer worker is told to start and to stop. Everything it does touches only
 * the run's topic and its own reader group.
 */
class Interference {
  admin = testKafka("omb-reconcile-e2e").admin();
  private readonly reader = testKafka("omb-reconcile-e2e-reader").consumer({ groupId: uniqueName("reconcile-reader") });
  private readonly producer = testKafka("omb-reconcile-e2e-producer").producer();
  /** Every run record the reader saw, by partition and offset. */
  private readonly seen: { partition: number; message: KafkaMessage }[] = [];
  private done: Promise<void> | undefined;
  error: unknown;
  topic = "";
  /** Per partition: where the load began and where the log now starts. */
  loadStart: Offsets = new Map();
  deletedUpTo: Offsets = new Map();

  constructor(private readonly pausedWorker: HttpWorker) {}

  /** The plan's consumer groups: one per subscription, named after the topic. */
  private get groups() {
    return { paused: `${this.topic}-sub-0`, running: `${this.topic}-sub-1` };
  }

  async connect(): Promise<void> {
    await Promise.all([this.admin.connect(), this.producer.connect()]);
  }

  /** Before load: sub-0 stops reading; the log's ends are noted; the rest runs beside the load. */
  async beforeLoad(topic: string): Promise<void> {
    this.topic = topic;
    await this.pausedWorker.pauseConsumers();
    this.loadStart = await highWatermarks(this.admin, topic);
    await this.reader.connect();
    await this.reader.subscribe({ topics: [topic], fromBeginning: true });
    await this.reader.run({ eachMessage: async ({ partition, message }) => void this.seen.push({ partition, message }) });
    this.done = this.interfere().catch((error: unknown) => {
      this.error = error;
    });
  }

  /** Before producers stop: the interference is over. After: every group has read to the end. */
  async beforeStop(): Promise<void> {
    await this.done;
  }

  async afterStop(): Promise<void> {
    const end = await highWatermarks(this.admin, this.topic);
    for (const group of [this.groups.paused, this.groups.running]) {
      await pollUntil(`${group} has read to the end`, WAIT_MS, async () => (reaches(await committed(this.admin, group, this.topic), end) ? true : undefined));
    }
  }

  private async interfere(): Promise<void> {
    const { admin, topic } = this;
    this.deletedUpTo = new Map([...this.loadStart].map(([p, offset]) => [p, offset + BigInt(DELETED_PER_PARTITION)]));
    await pollUntil("the records to delete are written", WAIT_MS, async () => (reaches(await highWatermarks(admin, topic), this.deletedUpTo) ? true : undefined));
    // sub-1 has them (its commits follow what it was handed); sub-0 is paused below them.
    await pollUntil("sub-1 has read the records to delete", WAIT_MS, async () =>
      reaches(await committed(admin, this.groups.running, topic), this.deletedUpTo) ? true : undefined,
    );
    await admin.deleteTopicRecords({ topic, partitions: [...this.deletedUpTo].map(([partition, offset]) => ({ partition, offset: String(offset) })) });
    // Copies of records that stay in the log, so both subscriptions read each twice.
    const copies = await pollUntil("records to copy", WAIT_MS, async () => {
      const kept = this.seen.filter(({ partition, message }) => BigInt(message.offset) >= this.deletedUpTo.get(partition)!);
      return kept.length >= DUPLICATED ? kept.slice(0, DUPLICATED) : undefined;
    });
    // Done with it before the run deletes the topic under it.
    await this.reader.disconnect();
    await this.producer.send({
      topic,
      acks: -1,
      messages: copies.map(({ partition, message }) => ({ partition, key: message.key, value: message.value, headers: message.headers })),
    });
    await this.pausedWorker.resumeConsumers();
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.reader.disconnect(), this.producer.disconnect(), this.admin.disconnect()]);
  }
}

/** The run's producer worker (also the leader, which creates the topic), with the interference at its seams. */
class HookedProducerWorker extends HttpWorker {
  private topic = "";

  constructor(
    url: string,
    private readonly interference: Interference,
  ) {
    super(url);
  }

  override async createTopics(topics: TopicSpec[]): Promise<void> {
    this.topic = topics[0]!.name;
    await super.createTopics(topics);
  }

  override async startLoad(assignment: LoadAssignment): Promise<void> {
    await this.interference.beforeLoad(this.topic);
    await super.startLoad(assignment);
  }

  override async stopLoad(): Promise<ProducerReport[]> {
    await this.interference.beforeStop();
    const reports = await super.stopLoad();
    await this.interference.afterStop();
    return reports;
  }
}

const silent: RunLog = { info() {}, warn() {}, period() {}, aggregated() {}, progress() {} };

describe("reconciliation counts real loss and duplicates exactly, per subscription", () => {
  let dir = "";
  let workers: WorkerProcess[] = [];
  let interference: Interference | undefined;
  let exitCode: number | undefined;
  let result: TestResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "omb-reconcile-"));
    workers = await Promise.all(["producer", "sub-0", "sub-1"].map((id) => startWorkerProcess(["--processes", "1", "--id", id])));
    const [producerUrl, pausedUrl, runningUrl] = workers.map((w) => w.url) as [string, string, string];
    // Topic names come from the workload name and the second the run starts: unique, for runs of this test side by side.
    const workload = writeWorkload(dir, uniqueName("e2e").slice("omb-test-".length), {
      topics: 1, partitionsPerTopic: PARTITIONS, messageSize: 1024, producersPerTopic: 1,
      subscriptionsPerTopic: 2, consumerPerSubscription: 1, producerRate: 1000, testDurationSeconds: 6, warmupDurationSeconds: 0,
    });
    // Without idempotence duplicates are allowed: only the loss can fail this run.
    const driver = join(dir, "no-idempotence.yaml");
    writeFileSync(driver, [
      "name: no-idempotence",
      "driverClass: io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver",
      "replicationFactor: 1",
      "producerConfig: |",
      "  acks=all",
      "  enable.idempotence=false",
      "  linger.ms=5",
    ].join("\n"));
    const options: SessionOptions = {
      drivers: [driver], workloads: [workload], workers: [], extraConsumerWorkers: false, output: join(dir, "out"),
      formats: [], overrides: {}, bootstrapServers: KAFKA_BOOTSTRAP, keepTopics: false, statsIntervalMs: 2000,
      waitForWorkersMs: 0, strict: false, localWorkers: 0, judging: { thresholds: [] },
    };
    const loaded = loadTests(options);
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    // The plan deals consumers round robin over the consumer workers: sub-0 → the second worker, sub-1 → the third.
    const paused = new HttpWorker(pausedUrl);
    interference = new Interference(paused);
    await interference.connect();
    const producer = new HookedProducerWorker(producerUrl, interference);
    exitCode = await runSession(loaded.value, [producer, paused, new HttpWorker(runningUrl)], options, {
      log: silent,
      print() {},
      style: PLAIN,
      signal: new AbortController().signal,
    });
    result = readOnlyResult(options.output);
  }, 240_000);

  afterAll(async () => {
    await interference?.close();
    await Promise.all(workers.map((w) => w.terminate()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const row = (subscription: string) => result.omb.reconciliation.subscriptions.find((s) => s.subscription.endsWith(subscription))!;

  test("the run itself went as planned: interference done, complete, every message acked", () => {
    expect(interference!.error).toBeUndefined();
    expect(result.omb.outcome).toBe("completed");
    expect(result.omb.problems).toEqual([]);
    expect(result.omb.workers.filter((w) => w.lost !== undefined)).toEqual([]);
    expect(result.omb.reconciliation.complete).toBe(true);
    expect(result.omb.reconciliation.failed).toBe(0);
    expect(result.omb.reconciliation.acked).toBeGreaterThan(LOST + DUPLICATED);
  });

  test("loss: exactly the deleted records are lost for the paused subscription, and the run does not pass", () => {
    const sub0 = row("-sub-0");
    expect(sub0.lost).toBe(LOST);
    expect(sub0.consumed).toBe(sub0.acked - LOST);
    expect(result.omb.reconciliation.lost).toBe(LOST);
    // The verdict: a run that lost messages is not valid (exit 1); its duplicates alone would not make it so.
    expect(result.omb.reconciliation.duplicatesAllowed).toBe(true);
    expect(result.omb.reconciliation.clean).toBe(false);
    const failing = judge(result).checks.filter((c) => !c.ok && c.id === "lostDuplicated").map((c) => c.label);
    expect(failing).toEqual([`${sub0.topic} / ${sub0.subscription}: ${sub0.acked} acked, ${sub0.acked - LOST} consumed, ${LOST} lost, ${DUPLICATED} duplicated (allowed)`]);
    expect(result.omb.status).toBe("invalid");
    expect(exitCode).toBe(ExitCode.runFailed);
  });

  test("duplicates: exactly the records produced again are duplicated, for each subscription", () => {
    expect(row("-sub-0").duplicated).toBe(DUPLICATED);
    expect(row("-sub-1").duplicated).toBe(DUPLICATED);
    expect(result.omb.reconciliation.duplicated).toBe(2 * DUPLICATED);
  });

  test("the second subscription has its own counts: it read the deleted records first, so it lost none", () => {
    const sub1 = row("-sub-1");
    expect(sub1.acked).toBe(row("-sub-0").acked);
    expect({ lost: sub1.lost, consumed: sub1.consumed }).toEqual({ lost: 0, consumed: sub1.acked });
  });
});
