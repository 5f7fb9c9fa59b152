// A BenchmarkProducer on kafkajs (kafkajs has no linger or batch size: see
// ../accumulated-producer.ts); each drained request is one kafkajs send.
import type { Message, Producer, RecordMetadata } from "kafkajs";
import { AccumulatedProducer, placedRecords } from "../accumulated-producer";
import { DriverError, type OutgoingMessage } from "../driver";
import type { ProducerBatch } from "../producer-batch";
import { asBuffer } from "../record-size";
import { toDriverError } from "./errors";
import type { ProducerSettings } from "./settings";

/** Sends again of partitions kafkajs left out of a request, before it fails. */
const UNANSWERED_RETRIES = 3;

export class KafkajsProducer extends AccumulatedProducer<Message> {
  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    partitions: number,
    private readonly settings: ProducerSettings,
  ) {
    super(partitions, settings.accumulator);
  }

  protected record(message: OutgoingMessage): Message {
    let headers = message.headers as Record<string, Buffer>;
    for (const name in message.headers) {
      if (!Buffer.isBuffer(message.headers[name])) {
        headers = buffersOf(message.headers);
        break;
      }
    }
    // partition is set when a request takes the record; present from the start, the shape never changes.
    return { key: message.key === null ? null : asBuffer(message.key), value: asBuffer(message.value), headers, partition: 0 };
  }

  protected closeClient(): Promise<void> {
    return this.producer.disconnect();
  }

  protected toDriverError(error: unknown): DriverError {
    return toDriverError(error);
  }

  /**
   * kafkajs sends nothing for a partition its metadata lacks, and still
   * resolves the send. With acks, every partition must be in the answer: the
   * missing ones are sent again (kafkajs refreshes its metadata meanwhile), a
   * few times, then the request fails rather than count them as acked.
   */
  protected async sendRequest(batches: ProducerBatch<Message>[]): Promise<void> {
    let pending = batches;
    for (let attempt = 0; ; attempt++) {
      const answered = new Set((await this.sendOnce(pending)).map((r) => r.partition));
      if (this.settings.acks === 0) return;
      pending = pending.filter((batch) => !answered.has(batch.partition));
      if (pending.length === 0) return;
      if (attempt === UNANSWERED_RETRIES) {
        const partitions = pending.map((b) => b.partition).join(", ");
        throw new DriverError(
          "UNKNOWN_TOPIC_OR_PARTITION",
          `kafkajs sent nothing for partition(s) ${partitions} of ${this.topic} after ${attempt + 1} tries: its metadata has no leader for them`,
        );
      }
    }
  }

  private async sendOnce(batches: ProducerBatch<Message>[]): Promise<RecordMetadata[]> {
    const messages = placedRecords(batches);
    try {
      return await this.producer.send({
        topic: this.topic,
        messages,
        acks: this.settings.acks,
        timeout: this.settings.timeout,
        compression: this.settings.compression,
      });
    } catch (error) {
      throw toDriverError(error);
    }
  }
}

function buffersOf(headers: Record<string, Uint8Array>): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const name in headers) out[name] = asBuffer(headers[name]!);
  return out;
}
