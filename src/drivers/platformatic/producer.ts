// A BenchmarkProducer on @platformatic/kafka: the client sends what it is
// given at once (no linger, no batch size), so omb's accumulator batches and
// places records as Java's default partitioner does; each drained request is
// one client send carrying explicit partitions, which the client splits into
// one produce request per leader.
import type { MessageToProduce, Producer } from "@platformatic/kafka";
import { RecordAccumulator } from "../accumulator";
import type { BenchmarkProducer, OutgoingMessage } from "../driver";
import { partitionForKey } from "../murmur2";
import type { ProducerBatch } from "../producer-batch";
import { asBuffer, recordSize } from "../record-size";
import { toDriverError } from "./errors";
import type { ProducerSettings } from "./settings";

type Record = MessageToProduce<Buffer, Buffer, Buffer, Buffer>;

export class PlatformaticProducer implements BenchmarkProducer {
  private readonly accumulator: RecordAccumulator<Record>;
  /** Header names as bytes, made once: omb's messages repeat the same few. */
  private readonly headerNames = new Map<string, Buffer>();

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    private readonly partitions: number,
    private readonly settings: ProducerSettings,
  ) {
    this.accumulator = new RecordAccumulator<Record>({
      ...settings.accumulator,
      partitions,
      sendRequest: (batches) => this.sendRequest(batches),
    });
  }

  send(message: OutgoingMessage): Promise<void> {
    try {
      const key = message.key === null ? undefined : asBuffer(message.key);
      const headers = new Map<Buffer, Buffer>();
      for (const name in message.headers) headers.set(this.headerName(name), asBuffer(message.headers[name]!));
      const record: Record = { topic: this.topic, key, value: asBuffer(message.value), headers };
      const partition = key === undefined ? null : partitionForKey(key, this.partitions);
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
      await this.producer.close();
    }
  }

  private async sendRequest(batches: ProducerBatch<Record>[]): Promise<void> {
    const messages: Record[] = [];
    for (const batch of batches) {
      for (const record of batch.records) {
        record.partition = batch.partition;
        messages.push(record);
      }
    }
    try {
      await this.producer.send({ messages, acks: this.settings.acks });
    } catch (error) {
      throw toDriverError(error, this.settings.client.sasl?.mechanism);
    }
  }

  private headerName(name: string): Buffer {
    let bytes = this.headerNames.get(name);
    if (bytes === undefined) {
      bytes = Buffer.from(name);
      this.headerNames.set(name, bytes);
    }
    return bytes;
  }
}
