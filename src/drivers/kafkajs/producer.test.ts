// The producer's handling of what kafkajs answers, with kafkajs's Producer
// stood in: kafkajs resolves a send even for partitions it sent nothing for.
import { describe, expect, test } from "bun:test";
import type { Message, Producer, RecordMetadata } from "kafkajs";
import { DriverError } from "../driver";
import { KafkajsProducer } from "./producer";
import type { ProducerSettings } from "./settings";

function settings(acks: -1 | 0 | 1): ProducerSettings {
  return {
    acks,
    timeout: 30_000,
    compression: 0,
    accumulator: { lingerMs: 0, batchSize: 65_536, maxInFlight: 5, bufferMemory: 1 << 20, maxRequestSize: 1 << 20, deliveryTimeoutMs: 60_000 },
  } as ProducerSettings;
}

/** A kafkajs Producer whose n-th send answers for the partitions `answers(n, sent)` returns. */
function client(answers: (n: number, sent: number[]) => number[]) {
  const sends: Message[][] = [];
  const producer = {
    async send({ messages }: { messages: Message[] }): Promise<RecordMetadata[]> {
      sends.push(messages);
      const sent = [...new Set(messages.map((m) => m.partition!))];
      return answers(sends.length, sent).map((partition) => ({ topicName: "t", partition, errorCode: 0 }));
    },
    async disconnect() {},
  } as unknown as Producer;
  return { producer, sends };
}

const message = { key: null, value: new Uint8Array(8), headers: {} };

describe("KafkajsProducer and kafkajs's answers", () => {
  test("a partition kafkajs left out is sent again, and the send resolves once it is answered", async () => {
    const { producer, sends } = client((n, sent) => (n === 1 ? [] : sent));
    await new KafkajsProducer(producer, "t", 4, settings(1)).send(message);
    expect(sends).toHaveLength(2);
    expect(sends[1]).toHaveLength(1);
  });

  test("a partition never answered fails the send instead of counting it as acked", async () => {
    const { producer, sends } = client(() => []);
    const error = await new KafkajsProducer(producer, "t", 4, settings(-1)).send(message).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect((error as DriverError).type).toBe("UNKNOWN_TOPIC_OR_PARTITION");
    expect(sends).toHaveLength(4);
  });

  test("acks=0 has no answer to check: one send", async () => {
    const { producer, sends } = client(() => []);
    await new KafkajsProducer(producer, "t", 4, settings(0)).send(message);
    expect(sends).toHaveLength(1);
  });
});
