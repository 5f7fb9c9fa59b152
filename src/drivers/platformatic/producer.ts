// A BenchmarkProducer on @platformatic/kafka (no linger or batch size of its
// own: see ../accumulated-producer.ts); each drained request is one client
// send, which the client splits into one produce request per leader.
import type { MessageToProduce, Producer } from "@platformatic/kafka";
import { AccumulatedProducer, placedRecords } from "../accumulated-producer";
import type { DriverError, OutgoingMessage } from "../driver";
import type { ProducerBatch } from "../producer-batch";
import { asBuffer } from "../record-size";
import { toDriverError } from "./errors";
import type { ProducerSettings } from "./settings";

type Record = MessageToProduce<Buffer, Buffer, Buffer, Buffer>;

export class PlatformaticProducer extends AccumulatedProducer<Record> {
  /** Header names as bytes, made once: omb's messages repeat the same few. */
  private readonly headerNames = new Map<string, Buffer>();

  constructor(
    private readonly producer: Producer,
    private readonly topic: string,
    partitions: number,
    private readonly settings: ProducerSettings,
  ) {
    super(partitions, settings.accumulator);
  }

  protected record(message: OutgoingMessage): Record {
    const headers = new Map<Buffer, Buffer>();
    for (const name in message.headers) headers.set(this.headerName(name), asBuffer(message.headers[name]!));
    const key = message.key === null ? undefined : asBuffer(message.key);
    return { topic: this.topic, key, value: asBuffer(message.value), headers, partition: 0 };
  }

  protected async sendRequest(batches: ProducerBatch<Record>[]): Promise<void> {
    try {
      await this.producer.send({ messages: placedRecords(batches), acks: this.settings.acks });
    } catch (error) {
      throw this.toDriverError(error);
    }
  }

  protected closeClient(): Promise<void> {
    return this.producer.close();
  }

  protected toDriverError(error: unknown): DriverError {
    return toDriverError(error, this.settings.client.sasl?.mechanism);
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
