// Consumer offset commits as Java OMB makes them: with enable.auto.commit=true
// the Kafka client commits every auto.commit.interval.ms; otherwise OMB's
// consumer commits asynchronously after every poll. The clients' own
// autocommit sits in the delivery path (kafkajs awaits a commit after every
// batch: a third of the consume rate measured here), so every driver commits
// through this, off that path: at most one commit in flight, each carrying the
// newest offset of every partition.

export interface PartitionOffset {
  topic: string;
  partition: number;
  /** The next offset to read. */
  offset: bigint;
  /** The partition leader's epoch the offset was read under, when the client knows it. */
  leaderEpoch?: number;
}

export interface OffsetCommitterOptions {
  commit(offsets: PartitionOffset[]): Promise<void>;
  /** Commit every this many ms; null = after every batch. */
  intervalMs: number | null;
}

export class OffsetCommitter {
  private readonly pending = new Map<string, PartitionOffset>();
  private inFlight: Promise<void> | undefined;
  private readonly timer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: OffsetCommitterOptions) {
    if (options.intervalMs !== null) {
      this.timer = setInterval(() => void this.commitNow(), options.intervalMs);
      this.timer.unref();
    }
  }

  /** Records before `nextOffset` were handed over. */
  delivered(topic: string, partition: number, nextOffset: bigint, leaderEpoch?: number): void {
    this.pending.set(`${partition}@${topic}`, { topic, partition, offset: nextOffset, leaderEpoch });
    if (this.options.intervalMs === null) void this.commitNow();
  }

  /** After a rebalance: offsets of partitions now owned by others must not be committed over theirs. */
  retain(owned: (topic: string, partition: number) => boolean): void {
    for (const [key, { topic, partition }] of this.pending) {
      if (!owned(topic, partition)) this.pending.delete(key);
    }
  }

  /** Commits what is pending; resolves when no commit is in flight. Never rejects. */
  async commitNow(): Promise<void> {
    if (this.inFlight !== undefined) return this.inFlight;
    this.inFlight = this.drain();
    try {
      await this.inFlight;
    } finally {
      this.inFlight = undefined;
    }
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.inFlight;
    await this.commitNow();
  }

  private async drain(): Promise<void> {
    while (this.pending.size > 0) {
      const offsets = [...this.pending.values()];
      this.pending.clear();
      try {
        await this.options.commit(offsets);
      } catch {
        // Kept for the next commit unless a newer offset has arrived meanwhile
        // (a commit during a rebalance fails; the next one carries it).
        for (const o of offsets) {
          const key = `${o.partition}@${o.topic}`;
          if (!this.pending.has(key)) this.pending.set(key, o);
        }
        return;
      }
    }
  }
}
