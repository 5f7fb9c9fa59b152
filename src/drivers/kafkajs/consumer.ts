// A BenchmarkConsumer on kafkajs: one group per subscription, always from the
// earliest offset, batches handed over with their wall-clock receive time.
// Offsets are resolved by hand so that a batch fetched just before pause() is
// not delivered but fetched again after resume(); they are committed by
// OffsetCommitter, outside the delivery path.
import type { Consumer, EachBatchPayload, IHeaders } from "kafkajs";
import type { BenchmarkConsumer, ConsumerOptions, IncomingMessage } from "../driver";
import { toDriverError } from "./errors";
import { OffsetCommitter } from "../offset-committer";
import { deliverInChunks } from "../poll-records";
import { type ConsumerSettings, mechanismOf } from "./settings";

const EMPTY = new Uint8Array(0);

export class KafkajsConsumer implements BenchmarkConsumer {
  readonly ready: Promise<void>;
  private paused = false;
  private readonly topics: { topic: string }[];
  private readonly committer: OffsetCommitter;
  private readonly maxPollRecords: number;

  private constructor(
    private readonly consumer: Consumer,
    settings: ConsumerSettings,
    private readonly options: ConsumerOptions,
  ) {
    this.topics = options.topics.map((topic) => ({ topic }));
    this.maxPollRecords = settings.maxPollRecords;
    this.committer = new OffsetCommitter({
      commit: (offsets) =>
        consumer.commitOffsets(offsets.map(({ topic, partition, offset }) => ({ topic, partition, offset: offset.toString() }))),
      intervalMs: settings.commitIntervalMs,
    });
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    this.ready = promise;
    // Nobody may be waiting when a crash happens; awaiting `ready` still sees it.
    promise.catch(() => {});
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      const assignment = payload.memberAssignment;
      this.committer.retain((topic, partition) => assignment[topic]?.includes(partition) ?? false);
      // A completed join is readiness even with nothing assigned: a subscription
      // with more consumers than partitions leaves members idle (Java OMB's
      // workloads have such), and the coordinator's probe proves delivery.
      resolve();
    });
    // Before giving partitions up, as the Java client does on revocation.
    consumer.on(consumer.events.REBALANCING, () => void this.committer.commitNow());
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (!payload.restart) reject(toDriverError(payload.error));
    });
  }

  static async start(consumer: Consumer, settings: ConsumerSettings, options: ConsumerOptions): Promise<KafkajsConsumer> {
    const self = new KafkajsConsumer(consumer, settings, options);
    try {
      await consumer.connect();
      // Benchmark topics are fresh: always read them from the start (SPEC §2).
      await consumer.subscribe({ topics: options.topics, fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: (payload) => self.onBatch(payload),
      });
    } catch (error) {
      await self.committer.close();
      await consumer.disconnect().catch(() => {});
      throw toDriverError(error, mechanismOf(settings.client));
    }
    return self;
  }

  pause(): void {
    this.paused = true;
    this.consumer.pause(this.topics);
  }

  resume(): void {
    this.paused = false;
    this.consumer.resume(this.topics);
  }

  async close(): Promise<void> {
    try {
      await this.committer.close();
    } finally {
      await this.consumer.disconnect();
    }
  }

  private async onBatch({ batch, resolveOffset, heartbeat, isStale }: EachBatchPayload): Promise<void> {
    if (this.paused || isStale() || batch.messages.length === 0) return;
    const receivedAtMicros = Math.round((performance.timeOrigin + performance.now()) * 1000);
    const { topic, partition } = batch;
    const messages: IncomingMessage[] = new Array(batch.messages.length);
    for (let i = 0; i < messages.length; i++) {
      const m = batch.messages[i]!;
      messages[i] = { topic, partition, value: m.value ?? EMPTY, headers: headersOf(m.headers) };
    }
    deliverInChunks(messages, receivedAtMicros, this.maxPollRecords, this.options.onMessages);
    resolveOffset(batch.lastOffset());
    this.committer.delivered(topic, partition, BigInt(batch.lastOffset()) + 1n);
    await heartbeat();
  }
}

/** kafkajs gives a repeated header key as an array; omb's messages never repeat one, so the first wins. */
function headersOf(headers: IHeaders | undefined): Record<string, Uint8Array | undefined> {
  if (headers === undefined) return {};
  for (const name in headers) {
    if (typeof headers[name] !== "object" || Array.isArray(headers[name])) return normalized(headers);
  }
  return headers as Record<string, Uint8Array | undefined>;
}

function normalized(headers: IHeaders): Record<string, Uint8Array | undefined> {
  const out: Record<string, Uint8Array | undefined> = {};
  for (const name in headers) {
    const v = headers[name];
    const first = Array.isArray(v) ? v[0] : v;
    out[name] = typeof first === "string" ? Buffer.from(first) : first;
  }
  return out;
}
