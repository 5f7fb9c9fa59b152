// The test broker really works: a keyed topic with 8 partitions carries 10,000 messages, and
// a consumer group reads each exactly once, in order per partition and per key.
import { expect, test } from "bun:test";
import { testKafka, uniqueName } from "../../test/support/kafka";

const PARTITIONS = 8;
const MESSAGES = 10_000;
const PER_SEND = 250;
const KEYS = 100;
const CONSUME_WITHIN_MS = 45_000;

interface Received {
  partition: number;
  offset: bigint;
  key: string;
  seq: number;
  keySeq: number;
}

test("8 partitions, 10,000 keyed messages: all consumed once, in order per partition and per key", async () => {
  const kafka = testKafka("omb-kafka-smoke");
  const topic = uniqueName("smoke");
  const admin = kafka.admin();
  // Idempotent: a request retried after a partition's NOT_LEADER (just after creation) must not
  // write the other partitions' batches twice.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const consumer = kafka.consumer({ groupId: topic });
  await admin.connect();
  try {
    expect(await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true })).toBe(true);
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(metadata.topics[0]?.partitions).toHaveLength(PARTITIONS);

    // Message `seq` carries key `seq % KEYS`, and is that key's `keySeq`-th message.
    await producer.connect();
    for (let start = 0; start < MESSAGES; start += PER_SEND) {
      const messages = [];
      for (let seq = start; seq < Math.min(start + PER_SEND, MESSAGES); seq++) {
        messages.push({ key: `key-${seq % KEYS}`, value: JSON.stringify({ seq, keySeq: Math.floor(seq / KEYS) }) });
      }
      await producer.send({ topic, acks: -1, messages });
    }
    const stored = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
    expect(stored).toBe(MESSAGES);

    const received: Received[] = [];
    const { promise: allReceived, resolve } = Promise.withResolvers<void>();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        const { seq, keySeq } = JSON.parse(String(message.value)) as { seq: number; keySeq: number };
        received.push({ partition, offset: BigInt(message.offset), key: String(message.key), seq, keySeq });
        if (received.length >= MESSAGES) resolve();
      },
    });
    await within(allReceived, CONSUME_WITHIN_MS, () => `consumed ${received.length} of ${MESSAGES} messages`);

    expect(received).toHaveLength(MESSAGES);
    expect(new Set(received.map((r) => r.seq)).size).toBe(MESSAGES);

    const byPartition = groupBy(received, (r) => r.partition);
    expect(byPartition.size).toBe(PARTITIONS);
    for (const [partition, records] of byPartition) {
      expect({ partition, offsetsIncrease: increasing(records.map((r) => r.offset)) }).toEqual({ partition, offsetsIncrease: true });
      expect({ partition, seqsIncrease: increasing(records.map((r) => r.seq)) }).toEqual({ partition, seqsIncrease: true });
    }

    const byKey = groupBy(received, (r) => r.key);
    expect(byKey.size).toBe(KEYS);
    for (const [key, records] of byKey) {
      expect({ key, partitions: new Set(records.map((r) => r.partition)).size }).toEqual({ key, partitions: 1 });
      expect({ key, keySeqs: records.map((r) => r.keySeq) }).toEqual({ key, keySeqs: [...Array(MESSAGES / KEYS).keys()] });
    }
  } finally {
    await consumer.disconnect().catch(() => {});
    await producer.disconnect().catch(() => {});
    await admin.deleteTopics({ topics: [topic] });
    await admin.deleteGroups([topic]).catch(() => {});
    await admin.disconnect();
  }
}, 90_000);

function within(promise: Promise<void>, ms: number, progress: () => string): Promise<void> {
  let timer: Timer | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${ms / 1000} s: ${progress()}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function increasing(values: (number | bigint)[]): boolean {
  return values.every((v, i) => i === 0 || v > values[i - 1]!);
}
