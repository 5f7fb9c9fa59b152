// omb's topic administration (../topic-admin.ts) over one @platformatic/kafka Admin.
import type { Admin } from "@platformatic/kafka";
import type { AdminCalls } from "../topic-admin";
import { toDriverError } from "./errors";

/** ListOffsets' "latest" timestamp. */
const LATEST = -1n;

export function platformaticAdminCalls(admin: Admin, mechanism?: string): AdminCalls {
  return {
    async createTopics(topics, replicationFactor, configs) {
      await admin.createTopics({
        topics: topics.map((t) => ({ topic: t.name, partitions: t.partitions, replicas: replicationFactor })),
        configs,
      });
    },
    deleteTopics: (topics) => admin.deleteTopics({ topics }),
    listTopics: () => admin.listTopics(),
    brokerCount: async () => (await admin.metadata({ topics: [] })).brokers.size,
    async leaders(topics) {
      try {
        const metadata = await admin.metadata({ topics, forceUpdate: true });
        return new Map([...metadata.topics].map(([name, t]) => [name, t.partitions.map((p) => p.leader)]));
      } catch (error) {
        // The broker's UNKNOWN_TOPIC_OR_PARTITION comes back as a UserError without its code.
        if (/^Unknown topic /.test((error as Error).message)) return new Map();
        throw error;
      }
    },
    async listOffsets(topic, partitions) {
      const all = Array.from({ length: partitions }, (_, partitionIndex) => ({ partitionIndex, timestamp: LATEST }));
      await admin.listOffsets({ topics: [{ name: topic, partitions: all }] });
    },
    close: () => admin.close(),
    toDriverError: (error) => toDriverError(error, mechanism),
  };
}
