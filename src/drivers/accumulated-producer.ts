// The part of a BenchmarkProducer that is the same for every client that sends
// what it is given at once (kafkajs, @platformatic/kafka): omb's accumulator
// batches, records are placed as Java's default partitioner places them
// (murmur2 of the key, sticky without one), and each drained request becomes
// one client send of records carrying explicit partitions.
import { RecordAccumulator } from "./accumulator";
import type { BenchmarkProducer, DriverError, OutgoingMessage } from "./driver";
import type { BatchingSettings } from "./java-settings";
import { partitionForKey } from "./murmur2";
import type { ProducerBatch } from "./producer-batch";
import { recordSize } from "./record-size";

export abstract class AccumulatedProducer<R extends { partition?: number }> implements BenchmarkProducer {
  private readonly accumulator: RecordAccumulator<R>;

  constructor(
    protected readonly partitions: number,
    batching: BatchingSettings,
  ) {
    this.accumulator = new RecordAccumulator<R>({ ...batching, partitions, sendRequest: (batches) => this.sendRequest(batches) });
  }

  send(message: OutgoingMessage): Promise<void> {
    try {
      const partition = message.key === null ? null : partitionForKey(message.key, this.partitions);
      return this.accumulator.append(this.record(message), recordSize(message), partition);
    } catch (error) {
      return Promise.reject(this.toDriverError(error));
    }
  }

  flush(): Promise<void> {
    return this.accumulator.flush();
  }

  async close(): Promise<void> {
    try {
      await this.accumulator.close();
    } finally {
      await this.closeClient();
    }
  }

  /** The client's record for a message; its partition is set when a request takes it. */
  protected abstract record(message: OutgoingMessage): R;
  /** One client send of these batches; resolves at the ack, rejects with a DriverError. */
  protected abstract sendRequest(batches: ProducerBatch<R>[]): Promise<void>;
  protected abstract closeClient(): Promise<void>;
  protected abstract toDriverError(error: unknown): DriverError;
}

/** The records of a request, each stamped with its batch's partition. */
export function placedRecords<R extends { partition?: number }>(batches: ProducerBatch<R>[]): R[] {
  const records: R[] = [];
  for (const batch of batches) {
    for (const record of batch.records) {
      record.partition = batch.partition;
      records.push(record);
    }
  }
  return records;
}
