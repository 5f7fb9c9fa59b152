// A BenchmarkProducer on kafkajs: omb's accumulator batches (kafkajs has no
// linger or batch size) and places records as Java's default partitioner
// does; each drained request is one kafkajs send carrying explicit partitions.
import type { Message, Producer, RecordMetadata } from "kafkajs";
import { RecordAccumulator } from "../accumulator";
import { type BenchmarkProducer, DriverError, type OutgoingMessage } from "../driver";
import { partitionForKey } from "../murmur2";
import type { ProducerBatch } from "../producer-batch";
import { asBuffer, recordSize } from "../record-size";
import { toDriverError } from "./errors";
import type { ProducerSettings } from "./settings";

/** Sends again of partitions kafkajs left out of a request, before it fails. */
const UNANSWERED_RETRIES = 3;

export class KafkajsProducer implements BenchmarkProducer {
  private readonly accumulator: RecordAccumulator<Message>;

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly partitions: number,
    private readonly settings: ProducerSettings,
  ) {
    this.accumulator = new RecordAccumulator<Message>({
      ...settings.accumulator,
      partitions,
      sendRequest: (batches) => this.sendRequest(batches),
    });
  }

  send(message: OutgoingMessage): Promise<void> {
    try {
      const key = message.key === null ? null : asBuffer(message.key);
      let headers = message.headers as Record<string, Buffer>;
      for (const name in message.headers) {
        if (!Buffer.isBuffer(message.headers[name])) {
          headers = buffersOf(message.headers);
          break;
        }
      }
      const partition = key === null ? null : partitionForKey(key, this.partitions);
      const record = { key, value: asBuffer(message.value), headers, partition: 0 };
      return this.accumulator.append(record, recordSize(message), partition);
    } catch (error) {
      return Promise.reject(toDriverError(error));
    }
  }

  flush(): Promise<void> {
    return this.accumulator.flush();
  }

  async close(): Promise<void> {
    try {
      await this.accumulator.close();
    } finally {
      await this.producer.disconnect();
    }
  }

  /**
   * kafkajs sends nothing for a partition its metadata lacks, and still
   * resolves the send. With acks, every partition must be in the answer: the
   * missing ones are sent again (kafkajs refreshes its metadata meanwhile), a
   * few times, then the request fails rather than count them as acked.
   */
  private async sendRequest(batches: ProducerBatch<Message>[]): Promise<void> {
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
    const messages: Message[] = [];
    for (const batch of batches) {
      for (const record of batch.records) {
        record.partition = batch.partition;
        messages.push(record);
      }
    }
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
