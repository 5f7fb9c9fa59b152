// Topic administration over one kafkajs admin client: create in batches and
// wait until every partition is served by its leader (so producers and
// consumers never meet UNKNOWN_TOPIC or NOT_LEADER right after), delete with a
// reason per failed name, list by prefix.
import type { Admin } from "kafkajs";
import type { TopicSpec } from "../driver";
import { DriverError } from "../driver";
import { toDriverError } from "./errors";

/** Topics per CreateTopics/DeleteTopics request. */
const BATCH = 100;

/** What a just-created topic answers until its leaders serve it. */
const TRANSIENT = new Set(["UNKNOWN_TOPIC_OR_PARTITION", "LEADER_NOT_AVAILABLE", "NOT_LEADER_OR_FOLLOWER"]);

export interface TopicAdminOptions {
  replicationFactor: number;
  configEntries: { name: string; value: string }[];
  /** Bound on each broker call and on the wait for leaders. */
  timeoutMs: number;
}

export class TopicAdmin {
  constructor(
    private readonly admin: Admin,
    private readonly options: TopicAdminOptions,
  ) {}

  async createTopics(topics: TopicSpec[]): Promise<void> {
    const { replicationFactor, configEntries, timeoutMs } = this.options;
    for (let i = 0; i < topics.length; i += BATCH) {
      const batch = topics.slice(i, i + BATCH);
      try {
        await this.admin.createTopics({
          topics: batch.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor, configEntries })),
          timeout: timeoutMs,
          // Waited for below, per partition, with a clearer error.
          waitForLeaders: false,
        });
      } catch (error) {
        throw createError(error);
      }
      await this.waitUntilServed(batch);
    }
  }

  async deleteTopics(names: string[]): Promise<{ name: string; error: string }[]> {
    // Names already gone are not failures; asking for them would make kafkajs retry.
    const existing = new Set(await this.admin.listTopics().catch(() => names));
    const present = names.filter((n) => existing.has(n));
    const failures: { name: string; error: string }[] = [];
    for (let i = 0; i < present.length; i += BATCH) {
      const batch = present.slice(i, i + BATCH);
      try {
        await this.admin.deleteTopics({ topics: batch, timeout: this.options.timeoutMs });
      } catch {
        // The broker answers per topic but kafkajs throws the first error; ask one by one to name each.
        for (const name of batch) {
          try {
            await this.admin.deleteTopics({ topics: [name], timeout: this.options.timeoutMs });
          } catch (error) {
            const e = toDriverError(error);
            failures.push({ name, error: `${e.type}: ${e.message}` });
          }
        }
      }
    }
    return failures;
  }

  async listTopics(prefix: string): Promise<string[]> {
    try {
      return (await this.admin.listTopics()).filter((name) => name.startsWith(prefix)).sort();
    } catch (error) {
      throw toDriverError(error);
    }
  }

  async close(): Promise<void> {
    await this.admin.disconnect();
  }

  /** Partition count of an existing topic. */
  async partitionCount(topic: string): Promise<number> {
    const [metadata] = await this.metadata([topic]);
    return metadata!.partitions.length;
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
      const metadata = await this.metadata(waiting.map((t) => t.name)).catch((error: unknown) => {
        if (TRANSIENT.has(toDriverError(error).type)) return [];
        throw toDriverError(error);
      });
      const byName = new Map(metadata.map((m) => [m.name, m.partitions]));
      const mismatch = waiting.find((t) => {
        const partitions = byName.get(t.name);
        return partitions !== undefined && partitions.length > 0 && partitions.length !== t.partitions;
      });
      if (mismatch) {
        throw new DriverError(
          "TOPIC_ALREADY_EXISTS",
          `topic ${mismatch.name} already exists with ${byName.get(mismatch.name)!.length} partitions, not ${mismatch.partitions}; delete it or use a fresh name`,
        );
      }
      const led = waiting.filter((t) => {
        const partitions = byName.get(t.name);
        return partitions !== undefined && partitions.length > 0 && partitions.every((p) => p.leader >= 0);
      });
      const served = new Set(
        await Promise.all(
          led.map((t) =>
            this.admin.fetchTopicOffsets(t.name).then(
              () => t.name,
              (error: unknown) => {
                if (TRANSIENT.has(toDriverError(error).type)) return undefined;
                throw toDriverError(error);
              },
            ),
          ),
        ),
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

  private async metadata(topics: string[]) {
    try {
      return (await this.admin.fetchTopicMetadata({ topics })).topics;
    } catch (error) {
      throw toDriverError(error);
    }
  }
}

/** createTopics fails with one error per topic; the message names them all. */
function createError(error: unknown): DriverError {
  const first = toDriverError(error);
  const perTopic = (error as { errors?: { topic?: string; type?: string; message?: string }[] }).errors;
  if (!Array.isArray(perTopic) || perTopic.length === 0) return first;
  const lines = perTopic.map((e) => `${e.topic ?? "?"}: ${e.type ?? ""} ${e.message ?? ""}`.trim());
  return new DriverError(first.type, `could not create topics — ${lines.join("; ")}`);
}
