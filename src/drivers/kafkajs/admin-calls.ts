// omb's topic administration (../topic-admin.ts) over one kafkajs admin client.
import type { Admin } from "kafkajs";
import type { AdminCalls } from "../topic-admin";
import { DriverError } from "../driver";
import { toDriverError } from "./errors";

export function kafkajsAdminCalls(admin: Admin, timeoutMs: number): AdminCalls {
  return {
    async createTopics(topics, replicationFactor, configEntries) {
      try {
        await admin.createTopics({
          topics: topics.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor, configEntries })),
          timeout: timeoutMs,
          // omb waits for the leaders itself, per partition, with a clearer error.
          waitForLeaders: false,
        });
      } catch (error) {
        throw createError(error);
      }
    },
    deleteTopics: (topics) => admin.deleteTopics({ topics, timeout: timeoutMs }),
    listTopics: () => admin.listTopics(),
    brokerCount: async () => (await admin.describeCluster()).brokers.length,
    async leaders(topics) {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
      return new Map(metadata.map((m) => [m.name, m.partitions.map((p) => p.leader)]));
    },
    listOffsets: async (topic) => void (await admin.fetchTopicOffsets(topic)),
    close: () => admin.disconnect(),
    toDriverError,
  };
}

/** createTopics fails with one error per topic; the message names them all. */
function createError(error: unknown): DriverError {
  const first = toDriverError(error);
  const perTopic = (error as { errors?: { topic?: string; type?: string; message?: string }[] }).errors;
  if (!Array.isArray(perTopic) || perTopic.length === 0) return first;
  const lines = perTopic.map((e) => `${e.topic ?? "?"}: ${e.type ?? ""} ${e.message ?? ""}`.trim());
  return new DriverError(first.type, `could not create topics — ${lines.join("; ")}`);
}
