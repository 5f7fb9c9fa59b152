// What every client driver must do against a real broker (Hono's
// common.case.test.ts idea): a client's test file calls driverConformance()
// with its factory and a DriverConfig for the broker under test.
import { afterAll, describe, expect, test } from "bun:test";
import type { DriverClient, DriverConfig, Properties } from "../config/types";
import {
  type BenchmarkConsumer,
  type Driver,
  DriverError,
  type DriverFactory,
  type IncomingMessage,
  type OutgoingMessage,
} from "./driver";

/** Kafka's Utils.murmur2 of these keys (its UtilsTest): where Java's default partitioner puts them. */
const JAVA_MURMUR2: Record<string, number> = {
  "21": -973932308,
  foobar: -790332482,
  abc: 479470107,
  "a-little-bit-long-string": -985981536,
  "a-little-bit-longer-string": -1486304829,
  lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8: -58897971,
};
const KEYS = Object.keys(JAVA_MURMUR2);
const javaPartition = (key: string, partitions: number) => (JAVA_MURMUR2[key]! & 0x7fffffff) % partitions;

/** A driver config of Java's defaults on `client`, reaching the broker `commonConfig` names. */
export function conformanceConfig(client: DriverClient, commonConfig: Properties): DriverConfig {
  return {
    name: "conformance",
    driverClass: "io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver",
    client,
    replicationFactor: 1,
    reset: false,
    topicConfig: {},
    commonConfig,
    producerConfig: {},
    consumerConfig: {},
  };
}

export interface ConformanceOptions {
  factory: DriverFactory;
  /** A config reaching the broker under test; sections here are overlaid per test. */
  config: DriverConfig;
}

type Overrides = Partial<Pick<DriverConfig, "producerConfig" | "consumerConfig" | "topicConfig">>;

const text = new TextEncoder();
const bytes = (s: string) => text.encode(s);
const str = (b: Uint8Array | undefined) => (b === undefined ? undefined : new TextDecoder().decode(b));

export function driverConformance(name: string, { factory, config }: ConformanceOptions): void {
  describe(`driver conformance: ${name}`, () => {
    const prefix = `omb-conformance-${name}-${Date.now().toString(36)}-`;
    const drivers: Driver[] = [];
    let topicCount = 0;

    async function driverWith(overrides: Overrides = {}): Promise<Driver> {
      const merged = (key: keyof Overrides): Properties => ({ ...config[key], ...overrides[key] });
      const driver = await factory({
        ...config,
        producerConfig: merged("producerConfig"),
        consumerConfig: merged("consumerConfig"),
        topicConfig: merged("topicConfig"),
      });
      drivers.push(driver);
      return driver;
    }

    async function freshTopic(driver: Driver, partitions: number): Promise<string> {
      const topic = `${prefix}${++topicCount}`;
      await driver.createTopics([{ name: topic, partitions }]);
      return topic;
    }

    /** A consumer collecting everything it receives, ready before anything is produced. */
    async function collector(driver: Driver, ...topics: string[]) {
      return collectorIn(`${topics[0]}-subscription`, driver, ...topics);
    }

    async function collectorIn(subscription: string, driver: Driver, ...topics: string[]) {
      const received: IncomingMessage[] = [];
      const consumer: BenchmarkConsumer = await driver.createConsumer({
        topics,
        subscription,
        onMessages: (messages) => received.push(...messages),
      });
      await within(consumer.ready, 30_000, "consumer readiness");
      return { consumer, received };
    }

    afterAll(async () => {
      const [admin] = drivers;
      if (admin) {
        const leftovers = await admin.listTopics(prefix);
        const failures = await admin.deleteTopics(leftovers);
        expect(failures).toEqual([]);
      }
      await Promise.allSettled(drivers.map((d) => d.close()));
    });

    test("creates topics, lists them by prefix and deletes them", async () => {
      const driver = await driverWith();
      const ownPrefix = `${prefix}admin-`;
      const names = [`${ownPrefix}a`, `${ownPrefix}b`];
      await driver.createTopics([
        { name: names[0]!, partitions: 3 },
        { name: names[1]!, partitions: 5 },
      ]);
      expect(await driver.listTopics(ownPrefix)).toEqual(names);
      // Already-gone names are not failures.
      expect(await driver.deleteTopics([...names, `${ownPrefix}never-created`])).toEqual([]);
      await until(async () => (await driver.listTopics(ownPrefix)).length === 0, 10_000, "topics deleted");
    });

    test("more replicas than brokers: refused before asking the broker, saying what to do", async () => {
      const driver = await factory({ ...config, replicationFactor: 99 });
      drivers.push(driver);
      const topic = `${prefix}too-many-replicas`;
      const refused = driver.createTopics([{ name: topic, partitions: 1 }]);
      await expect(refused).rejects.toBeInstanceOf(DriverError);
      await expect(refused).rejects.toThrow(/^replicationFactor 99 is more than the \d+ brokers? of this cluster: set replicationFactor: \d+ in the driver config, or pass --replication-factor \d+$/);
      expect(await driver.listTopics(topic)).toEqual([]);
    });

    test("more consumers than partitions: every member becomes ready and the subscription gets each message once", async () => {
      const driver = await driverWith();
      const topic = await freshTopic(driver, 1);
      const received: IncomingMessage[] = [];
      const consumers = await Promise.all(
        [0, 1, 2].map(() =>
          driver.createConsumer({ topics: [topic], subscription: `${topic}-idle-members`, onMessages: (m) => received.push(...m) }),
        ),
      );
      await within(Promise.all(consumers.map((c) => c.ready)), 30_000, "readiness of all three members");
      const producer = await driver.createProducer(topic);
      await Promise.all([1, 2, 3].map((i) => producer.send({ key: null, value: bytes(`m${i}`), headers: {} })));
      await until(async () => received.length >= 3, 15_000, "three messages consumed");
      expect(received.map((m) => str(m.value)).sort()).toEqual(["m1", "m2", "m3"]);
      await producer.close();
      await Promise.all(consumers.map((c) => c.close()));
    });

    test("keyed messages: every send acks, each is consumed once with headers, on Java's murmur2 partition", async () => {
      const driver = await driverWith();
      const partitions = 4;
      const topic = await freshTopic(driver, partitions);
      const { consumer, received } = await collector(driver, topic);
      const producer = await driver.createProducer(topic);
      const count = 300;
      const sent: OutgoingMessage[] = Array.from({ length: count }, (_, i) => ({
        key: bytes(KEYS[i % KEYS.length]!),
        value: bytes(`value-${i}`),
        headers: { seq: bytes(String(i)), origin: bytes("conformance") },
      }));
      await within(Promise.all(sent.map((m) => producer.send(m))), 30_000, "acks");
      await until(() => received.length >= count, 30_000, `${count} messages consumed`);
      // A duplicate in the log lies before these: one marker behind every key's partition.
      await within(Promise.all(KEYS.map((key) => producer.send({ key: bytes(key), value: bytes("marker"), headers: {} }))), 30_000, "marker acks");
      await until(() => received.filter((m) => str(m.value) === "marker").length === KEYS.length, 30_000, "markers consumed");
      expect(received.length).toBe(count + KEYS.length);
      received.splice(0, received.length, ...received.filter((m) => str(m.value) !== "marker"));
      const bySeq = new Map(received.map((m) => [Number(str(m.headers.seq)), m]));
      expect(bySeq.size).toBe(count);
      for (let i = 0; i < count; i++) {
        const m = bySeq.get(i)!;
        expect(str(m.value)).toBe(`value-${i}`);
        expect(str(m.headers.origin)).toBe("conformance");
        expect(m.topic).toBe(topic);
        expect(m.partition).toBe(javaPartition(KEYS[i % KEYS.length]!, partitions));
      }
      expect(new Set(received.map((m) => m.partition)).size).toBeGreaterThan(1);
      await producer.close();
      await consumer.close();
    });

    test("null keys stick to one partition per batch and move on between batches (KIP-480)", async () => {
      const driver = await driverWith({ producerConfig: { "linger.ms": 0 } });
      const topic = await freshTopic(driver, 8);
      const { consumer, received } = await collector(driver, topic);
      const producer = await driver.createProducer(topic);
      const rounds = 5;
      for (let round = 0; round < rounds; round++) {
        const acks = Array.from({ length: 20 }, (_, i) =>
          producer.send({ key: null, value: bytes(`${round}`), headers: { seq: bytes(`${round}-${i}`) } }),
        );
        await within(Promise.all(acks), 30_000, "acks");
      }
      await until(() => received.length >= rounds * 20, 30_000, "all consumed");
      const partitionsOfRound = Array.from(
        { length: rounds },
        (_, round) => new Set(received.filter((m) => str(m.value) === `${round}`).map((m) => m.partition)),
      );
      for (const set of partitionsOfRound) expect(set.size).toBe(1);
      for (let round = 1; round < rounds; round++) {
        expect([...partitionsOfRound[round]!][0]).not.toBe([...partitionsOfRound[round - 1]!][0]);
      }
      await producer.close();
      await consumer.close();
    });

    test("flush sends lingering messages at once and resolves only after every ack", async () => {
      const driver = await driverWith({ producerConfig: { "linger.ms": 60_000, "delivery.timeout.ms": 120_000 } });
      const topic = await freshTopic(driver, 2);
      const producer = await driver.createProducer(topic);
      let acked = 0;
      for (let i = 0; i < 10; i++) {
        void producer.send({ key: bytes(`k${i}`), value: bytes("v"), headers: {} }).then(() => acked++);
      }
      // Linger is a minute: nothing may have been sent yet. A witness send on
      // another producer makes a whole round trip meanwhile; had these been
      // sent at once, they would have been acked by then as well.
      const witness = await driverWith({ producerConfig: { "linger.ms": 0 } });
      const witnessProducer = await witness.createProducer(topic);
      await within(witnessProducer.send({ key: null, value: bytes("witness"), headers: {} }), 30_000, "witness ack");
      await witnessProducer.close();
      expect(acked).toBe(0);
      await within(producer.flush(), 10_000, "flush");
      expect(acked).toBe(10);
      await producer.close();
    });

    test("linger.ms batches messages sent together: they wait for it and are acked together", async () => {
      const driver = await driverWith({ producerConfig: { "linger.ms": 50, acks: 1 } });
      const topic = await freshTopic(driver, 1);
      const producer = await driver.createProducer(topic);
      // Warm up the connection so the timing below is the accumulator's.
      await producer.send({ key: null, value: bytes("warm-up"), headers: {} });
      const started = performance.now();
      // One request: all acks arrive in the same turn of the event loop, so
      // the turn after the first ack finds every one of them in.
      let acked = 0;
      const inAtNextTurn = Promise.withResolvers<number>();
      const ackedAt = await within(
        Promise.all(
          Array.from({ length: 10 }, () =>
            producer.send({ key: null, value: bytes("x"), headers: {} }).then(() => {
              if (acked++ === 0) setImmediate(() => inAtNextTurn.resolve(acked));
              return performance.now();
            }),
          ),
        ),
        10_000,
        "acks",
      );
      expect(Math.min(...ackedAt) - started).toBeGreaterThanOrEqual(45);
      expect(await inAtNextTurn.promise).toBe(10);
      await producer.close();
    });

    test("pause stops delivery and resume continues", async () => {
      const driver = await driverWith();
      const topic = await freshTopic(driver, 2);
      const { consumer, received } = await collector(driver, topic);
      const producer = await driver.createProducer(topic);
      const sendMany = (from: number) =>
        Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            producer.send({ key: bytes(`k${i}`), value: bytes(String(from + i)), headers: {} }),
          ),
        );
      await within(sendMany(0), 30_000, "acks");
      await until(() => received.length === 10, 30_000, "first 10 consumed");
      consumer.pause();
      // A witness in a group of its own, started now, reads from the start: once it has
      // the messages sent while paused, and then a marker sent after them, the paused
      // consumer has had the same fetch rounds to get them.
      const witness = await collectorIn(`${topic}-witness`, driver, topic);
      await within(sendMany(10), 30_000, "acks while paused");
      await until(() => witness.received.length === 20, 30_000, "the witness's first 20");
      await within(producer.send({ key: bytes("k0"), value: bytes("marker"), headers: {} }), 30_000, "marker ack");
      await until(() => witness.received.length === 21, 30_000, "the witness's marker");
      expect(received.length).toBe(10);
      consumer.resume();
      await until(() => received.length === 21, 30_000, "messages after resume");
      expect(new Set(received.map((m) => str(m.value))).size).toBe(21);
      await witness.consumer.close();
      await producer.close();
      await consumer.close();
    });

    test.each(["gzip", "snappy", "lz4", "zstd"])(
      "compression.type=%s: our batches and the broker's recompressed ones both read back",
      async (codec) => {
        const compressing = await driverWith({ producerConfig: { "compression.type": codec } });
        const ours = await freshTopic(compressing, 1);
        // The broker recompresses into the topic's codec with Java's own implementation.
        const recompressing = await driverWith({ topicConfig: { "compression.type": codec } });
        const brokers = await freshTopic(recompressing, 1);
        const { consumer, received } = await collector(compressing, ours, brokers);
        // 50 small values and one of ~150 KiB, which spans several compression blocks.
        const values = Array.from({ length: 50 }, (_, i) => `${"compressible ".repeat(50)}${i}`);
        values.push(Array.from({ length: 10_000 }, (_, j) => `row ${j}:${(j * 7919) % 1000}`).join(";"));
        for (const [driver, topic] of [
          [compressing, ours],
          [recompressing, brokers],
        ] as const) {
          const producer = await driver.createProducer(topic);
          const acks = values.map((v) => producer.send({ key: null, value: bytes(v), headers: {} }));
          await within(Promise.all(acks), 30_000, `acks (${topic})`);
          await producer.close();
        }
        await until(() => received.length >= 2 * values.length, 30_000, "all consumed");
        for (const topic of [ours, brokers]) {
          const got = received.filter((m) => m.topic === topic).map((m) => str(m.value));
          expect(got.sort()).toEqual([...values].sort());
        }
        await consumer.close();
      },
    );

    test("a broker-side failure rejects with a classified DriverError and does not hang", async () => {
      const driver = await driverWith({ topicConfig: { "max.message.bytes": 1024 } });
      const topic = await freshTopic(driver, 1);
      const producer = await driver.createProducer(topic);
      const error = await within(
        producer.send({ key: null, value: new Uint8Array(4096), headers: {} }).then(
          () => undefined,
          (e: unknown) => e,
        ),
        30_000,
        "the rejection",
      );
      expect(error).toBeInstanceOf(DriverError);
      expect((error as DriverError).type).toBe("MESSAGE_TOO_LARGE");
      await producer.close();
    });

    test("producing to a topic that does not exist fails as UNKNOWN_TOPIC_OR_PARTITION", async () => {
      const driver = await driverWith();
      const missing = `${prefix}missing`;
      const error = await within(
        driver
          .createProducer(missing)
          .then((p) => p.send({ key: null, value: bytes("x"), headers: {} }))
          .then(
            () => undefined,
            (e: unknown) => e,
          ),
        60_000,
        "the rejection",
      );
      expect(error).toBeInstanceOf(DriverError);
      expect((error as DriverError).type).toBe("UNKNOWN_TOPIC_OR_PARTITION");
      // Nothing was created behind our back.
      expect(await driver.listTopics(missing)).toEqual([]);
    });
  });
}

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: nothing after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function until(condition: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`${what}: not reached after ${ms} ms`);
    await Bun.sleep(20);
  }
}
