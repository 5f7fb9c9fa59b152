// What every broker bench needs: the local broker (started if down), the
// producer settings both omb and Kafka's own tool use, and a header that says
// on what, when and at which commit a figure was taken.
import { availableParallelism, totalmem } from "node:os";
import { ensureKafka, kafkaStatus } from "../../scripts/kafka/broker";
import { layout } from "../../scripts/kafka/layout";
import { loadDriverConfig } from "../../src/config/index";
import type { DriverConfig } from "../../src/config/types";
import { loadAverage } from "./proc-cpu";

/** The producer settings of the comparison: leader acks, 5 ms linger, 64 KiB batches. */
export const PRODUCER_SETTINGS = { acks: 1, "linger.ms": 5, "batch.size": 65_536 } as const;
export const PARTITIONS = 16;
export const MESSAGE_SIZE = 1024;

export interface Broker {
  bootstrap: string;
  pid: number;
  /** The Kafka jars folder (for Kafka's own tools). */
  libs: string;
}

export async function localBroker(): Promise<Broker> {
  const bootstrap = await ensureKafka();
  const status = await kafkaStatus();
  if (!status.up) throw new Error(`the local broker on ${bootstrap} went down right after it was found; run \`bun run kafka:up\``);
  return { bootstrap, pid: status.state.pid, libs: (await layout()).libs };
}

/** The embedded throughput driver config with PRODUCER_SETTINGS over its producer section. */
export function benchDriverConfig(bootstrap: string): DriverConfig {
  const { driver } = loadDriverConfig("throughput", { bootstrapServers: bootstrap });
  return { ...driver, producerConfig: { ...driver.producerConfig, ...PRODUCER_SETTINGS } };
}

/** Topic names unique to this bench run, so reruns never meet an old topic. */
export function topicName(bench: string, label: string): string {
  return `omb-bench-${bench}-${label}-${Date.now().toString(36)}`;
}

/** Lines for the top of a bench's output. */
export async function benchHeader(bench: string, worker: string): Promise<string[]> {
  const commit = Bun.spawnSync(["git", "rev-parse", "--short", "HEAD"], { cwd: `${import.meta.dir}/../..` });
  const dirty = Bun.spawnSync(["git", "status", "--porcelain", "--", "src"], { cwd: `${import.meta.dir}/../..` });
  const changed = dirty.stdout.toString().trim() ? " (+ uncommitted changes under src/)" : "";
  return [
    `# ${bench} — ${new Date().toISOString()}`,
    `commit ${commit.stdout.toString().trim() || "unknown"}${changed}, Bun ${Bun.version}`,
    `machine: ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${loadAverage()}`,
    `load from: ${worker}`,
  ];
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** A command-line number that must be a whole number >= 1; exits 2 (usage) otherwise. */
export function positiveInt(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${flag}: expected a whole number >= 1, got "${text}"`);
    process.exit(2);
  }
  return n;
}
