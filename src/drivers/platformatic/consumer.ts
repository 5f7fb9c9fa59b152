// A BenchmarkConsumer on @platformatic/kafka: one group per subscription,
// read from the committed offset, else the earliest (the run's topics are
// fresh, SPEC §2). The client streams messages one by one; those of one fetch
// arrive in the same turn of the event loop and are handed over together with
// one wall-clock receive time. Offsets are committed by OffsetCommitter, off
// the delivery path; the client's own autocommit is off.
import type { Consumer, GroupAssignment, Message, MessagesStream } from "@platformatic/kafka";
import { consola } from "consola";
import type { BenchmarkConsumer, ConsumerOptions, IncomingMessage } from "../driver";
import { OffsetCommitter } from "../offset-committer";
import { toDriverError } from "./errors";
import type { ConsumerSettings } from "./settings";
import { deliverInChunks } from "../poll-records";

const EMPTY = new Uint8Array(0);
const log = consola.withTag("platformatic");

type Received = Message<Buffer, Buffer, Buffer, Buffer>;

export class PlatformaticConsumer implements BenchmarkConsumer {
  readonly ready: Promise<void>;
  private paused = false;
  private pending: Received[] = [];
  private pendingAtMicros = 0;
  private flushScheduled = false;
  private readonly committer: OffsetCommitter;
  private stream: MessagesStream<Buffer, Buffer, Buffer, Buffer> | undefined;
  private readonly maxPollRecords: number;

  private constructor(
    private readonly consumer: Consumer,
    settings: ConsumerSettings,
    private readonly options: ConsumerOptions,
    ready: Promise<void>,
  ) {
    this.ready = ready;
    this.maxPollRecords = settings.maxPollRecords;
    this.committer = new OffsetCommitter({
      commit: (offsets) =>
        consumer.commit({
          offsets: offsets.map(({ topic, partition, offset, leaderEpoch }) => ({ topic, partition, offset, leaderEpoch: leaderEpoch ?? -1 })),
        }),
      intervalMs: settings.commitIntervalMs,
    });
    consumer.on("consumer:group:join", ({ assignments }: { assignments?: GroupAssignment[] }) => {
      this.committer.retain((topic, partition) => assignments?.some((a) => a.topic === topic && a.partitions.includes(partition)) ?? false);
    });
    // Before giving partitions up, as the Java client does on revocation.
    consumer.on("consumer:group:rebalance", () => void this.committer.commitNow());
  }

  /**
   * Resolves once the consumer has joined its group: `consume` joins before it
   * returns the stream, and an empty assignment is a completed join too (a
   * subscription with more consumers than partitions leaves members idle).
   */
  static async start(consumer: Consumer, settings: ConsumerSettings, options: ConsumerOptions, mechanism?: string): Promise<PlatformaticConsumer> {
    const { promise, resolve } = Promise.withResolvers<void>();
    const self = new PlatformaticConsumer(consumer, settings, options, promise);
    try {
      const stream = await consumer.consume({
        topics: options.topics,
        mode: "committed",
        fallbackMode: "earliest",
        autocommit: false,
        sessionTimeout: settings.sessionTimeout,
        heartbeatInterval: settings.heartbeatInterval,
        rebalanceTimeout: settings.rebalanceTimeout,
        minBytes: settings.minBytes,
        maxWaitTime: settings.maxWaitTime,
        maxBytes: settings.maxBytes,
        maxBytesPerPartition: settings.maxBytesPerPartition,
        isolationLevel: settings.isolationLevel,
      });
      self.stream = stream;
      stream.on("data", (message: Received) => self.onMessage(message));
      stream.on("error", (error: Error) => log.error(`consumer ${options.subscription}: ${toDriverError(error, mechanism).message}`));
    } catch (error) {
      await self.committer.close();
      await consumer.close(true).catch(() => {});
      throw toDriverError(error, mechanism);
    }
    resolve();
    return self;
  }

  pause(): void {
    this.paused = true;
    this.stream?.pause();
  }

  resume(): void {
    this.paused = false;
    // Held back while paused: received now, as a fetch after resume would be.
    this.pendingAtMicros = nowMicros();
    this.stream?.resume();
    this.scheduleFlush();
  }

  async close(): Promise<void> {
    try {
      await this.stream?.close();
      await this.committer.close();
    } finally {
      await this.consumer.close();
    }
  }

  private onMessage(m: Received): void {
    if (this.pending.length === 0) this.pendingAtMicros = nowMicros();
    this.pending.push(m);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled || this.pending.length === 0) return;
    this.flushScheduled = true;
    setImmediate(this.flush);
  }

  /** What arrived while paused is handed over at resume, never dropped: the client has moved its offsets past it. */
  private readonly flush = (): void => {
    this.flushScheduled = false;
    if (this.paused || this.pending.length === 0) return;
    const received = this.pending;
    this.pending = [];
    const messages: IncomingMessage[] = new Array(received.length);
    for (let i = 0; i < received.length; i++) {
      const m = received[i]!;
      const headers: Record<string, Uint8Array | undefined> = {};
      for (const [name, value] of m.headers) headers[name.toString()] = value;
      messages[i] = { topic: m.topic, partition: m.partition, value: m.value ?? EMPTY, headers };
    }
    deliverInChunks(messages, this.pendingAtMicros, this.maxPollRecords, this.options.onMessages);
    for (const m of received) this.committer.delivered(m.topic, m.partition, m.offset + 1n, m.leaderEpoch);
  };
}

function nowMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}
