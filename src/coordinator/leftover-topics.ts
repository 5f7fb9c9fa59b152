// Topics a run left behind (--keep-topics, an interrupted cleanup), found and
// deleted by name prefix through a driver, as `omb topics` does. Only names
// under omb's own prefix: a broad prefix must never reach anyone else's topics.
import type { DriverConfig } from "../config/types";
import { createDriver } from "../drivers/index";
import { TOPIC_PREFIX } from "./plan";

/** Why a prefix is refused, or undefined when it is under omb's own. */
export function checkTopicPrefix(prefix: string): string | undefined {
  if (!prefix.startsWith(TOPIC_PREFIX)) return `--prefix ${prefix || '""'}: must start with "${TOPIC_PREFIX}", omb's own prefix (omb never touches other topics)`;
  return undefined;
}

/** The command that lists and deletes a run's leftovers. */
export function deleteCommand(topicPrefix: string, bootstrapServers: string): string {
  return `omb topics delete --prefix ${topicPrefix} --bootstrap-servers ${bootstrapServers} --yes`;
}

export async function listTopicsUnder(driver: DriverConfig, prefix: string): Promise<string[]> {
  const client = await createDriver(driver);
  try {
    return (await client.listTopics(prefix)).filter((n) => n.startsWith(prefix)).sort();
  } finally {
    await client.close();
  }
}

export async function deleteTopicsUnder(driver: DriverConfig, prefix: string): Promise<{ deleted: string[]; failed: { name: string; error: string }[] }> {
  const client = await createDriver(driver);
  try {
    const names = (await client.listTopics(prefix)).filter((n) => n.startsWith(prefix));
    const failed = names.length ? await client.deleteTopics(names) : [];
    return { deleted: names.filter((n) => !failed.some((f) => f.name === n)).sort(), failed };
  } finally {
    await client.close();
  }
}
