// Topic administration as omb needs it, over any client's admin calls: create
// in batches and wait until every partition is served by its leader (so
// producers and consumers never meet UNKNOWN_TOPIC or NOT_LEADER right after),
// delete with a reason per failed name, list by prefix.
import type { TopicSpec } from "./driver";
import { DriverError } from "./driver";

/** Topics per CreateTopics/DeleteTopics request. */
const BATCH = 100;

/** What a just-created topic answers until its leaders serve it. */
const TRANSIENT = new Set(["UNKNOWN_TOPIC_OR_PARTITION", "LEADER_NOT_AVAILABLE", "NOT_LEADER_OR_FOLLOWER"]);

/** One broker request each; failures are the client's own errors, classified by `toDriverError`. */
export interface AdminCalls {
  createTopics(topics: TopicSpec[], replicationFactor: number, configs: { name: string; value: string }[]): Promise<void>;
  deleteTopics(names: string[]): Promise<void>;
  listTopics(): Promise<string[]>;
  /** Brokers the cluster's metadata lists. */
  brokerCount(): Promise<number>;
  /** Leader id per partition of each topic the metadata knows (-1: none yet). */
  leaders(topics: string[]): Promise<Map<string, number[]>>;
  /** Resolves once the leaders of the topic's partitions answer ListOffsets. */
  listOffsets(topic: string, partitions: number): Promise<void>;
  close(): Promise<void>;
  toDriverError(error: unknown): DriverError;
}

export interface TopicAdminOptions {
  replicationFactor: number;
  configEntries: { name: string; value: string }[];
  /** Bound on the wait for leaders. */
  timeoutMs: number;
}

export class TopicAdmin {
  constructor(
    private readonly calls: AdminCalls,
    private readonly options: TopicAdminOptions,
  ) {}

  async createTopics(topics: TopicSpec[]): Promise<void> {
    if (topics.length) await this.checkReplicationFactor();
    for (let i = 0; i < topics.length; i += BATCH) {
      const batch = topics.slice(i, i + BATCH);
      await this.call(() => this.calls.createTopics(batch, this.options.replicationFactor, this.options.configEntries));
      await this.waitUntilServed(batch);
    }
  }

  /**
   * Java OMB's driver files ask for 3 replicas; on a smaller cluster the broker's
   * INVALID_REPLICATION_FACTOR says nothing of what to do. Say it before asking.
   */
  private async checkReplicationFactor(): Promise<void> {
    const wanted = this.options.replicationFactor;
    const brokers = await this.call(() => this.calls.brokerCount());
    if (wanted > brokers) {
      throw new DriverError(
        "INVALID_REPLICATION_FACTOR",
        `replicationFactor ${wanted} is more than the ${brokers} broker${brokers === 1 ? "" : "s"} of this cluster: set replicationFactor: ${brokers} in the driver config, or pass --replication-factor ${brokers}`,
      );
    }
  }

  async deleteTopics(names: string[]): Promise<{ name: string; error: string }[]> {
    // Names already gone are not failures; asking for them would make clients retry.
    const existing = new Set(await this.calls.listTopics().catch(() => names));
    const present = names.filter((n) => existing.has(n));
    const failures: { name: string; error: string }[] = [];
    for (let i = 0; i < present.length; i += BATCH) {
      const batch = present.slice(i, i + BATCH);
      try {
        await this.calls.deleteTopics(batch);
      } catch {
        // The broker answers per topic but clients throw one error; ask one by one to name each.
        for (const name of batch) {
          try {
            await this.calls.deleteTopics([name]);
          } catch (error) {
            const e = this.calls.toDriverError(error);
            failures.push({ name, error: `${e.type}: ${e.message}` });
          }
        }
      }
    }
    return failures;
  }

  async listTopics(prefix: string): Promise<string[]> {
    return (await this.call(() => this.calls.listTopics())).filter((name) => name.startsWith(prefix)).sort();
  }

  async close(): Promise<void> {
    await this.calls.close();
  }

  /** Partition count of an existing topic. */
  async partitionCount(topic: string): Promise<number> {
    const partitions = (await this.call(() => this.calls.leaders([topic]))).get(topic)?.length ?? 0;
    if (partitions === 0) throw new DriverError("UNKNOWN_TOPIC_OR_PARTITION", `topic ${topic} does not exist`);
    return partitions;
  }

  /**
   * KRaft publishes a partition's leader before that broker serves it, so a
   * topic counts as ready once its metadata shows a leader for every partition
   * and its leaders answer ListOffsets.
   */
  private async waitUntilServed(topics: TopicSpec[]): Promise<void> {
    const deadline = performance.now() + this.options.timeoutMs;
    let waiting = topics;
    for (;;) {
      const leaders = await this.transient(() => this.calls.leaders(waiting.map((t) => t.name)), new Map<string, number[]>());
      const mismatch = waiting.find((t) => {
        const partitions = leaders.get(t.name);
        return partitions !== undefined && partitions.length > 0 && partitions.length !== t.partitions;
      });
      if (mismatch) {
        throw new DriverError(
          "TOPIC_ALREADY_EXISTS",
          `topic ${mismatch.name} already exists with ${leaders.get(mismatch.name)!.length} partitions, not ${mismatch.partitions}; delete it or use a fresh name`,
        );
      }
      const led = waiting.filter((t) => {
        const partitions = leaders.get(t.name);
        return partitions !== undefined && partitions.length > 0 && partitions.every((leader) => leader >= 0);
      });
      const served = new Set(
        await Promise.all(led.map((t) => this.transient(() => this.calls.listOffsets(t.name, t.partitions).then(() => t.name), undefined))),
      );
      waiting = waiting.filter((t) => !served.has(t.name));
      if (waiting.length === 0) return;
      if (performance.now() > deadline) {
        throw new DriverError(
          "timeout",
          `created topics are not served on every partition after ${this.options.timeoutMs} ms: ${waiting
            .slice(0, 5)
            .map((t) => t.name)
            .join(", ")}${waiting.length > 5 ? ` and ${waiting.length - 5} more` : ""}`,
        );
      }
      await Bun.sleep(50);
    }
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw this.calls.toDriverError(error);
    }
  }

  /** A transient answer of a just-created topic is `fallback`; anything else fails. */
  private async transient<T>(request: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await request();
    } catch (error) {
      const e = this.calls.toDriverError(error);
      if (TRANSIENT.has(e.type)) return fallback;
      throw e;
    }
  }
}
