// min / avg / max / p95 of each numeric field of a series of system samples.
import type { SystemSample } from "./types";

export type SystemField = Exclude<keyof SystemSample, "at" | "unavailable">;

export interface FieldSummary {
  min: number;
  avg: number;
  max: number;
  /** Nearest-rank 95th percentile. */
  p95: number;
}

const FIELDS: readonly SystemField[] = [
  "cpuPercent",
  "memoryUsedBytes",
  "memoryTotalBytes",
  "processRssBytes",
  "netRxBytesPerSec",
  "netTxBytesPerSec",
  "diskReadBytesPerSec",
  "diskWriteBytesPerSec",
  "loopbackRxBytesPerSec",
  "loopbackTxBytesPerSec",
];

/** Fields no sample carries are left out; an empty series gives {}. */
export function summarizeSystemSamples(samples: readonly SystemSample[]): Partial<Record<SystemField, FieldSummary>> {
  const summary: Partial<Record<SystemField, FieldSummary>> = {};
  for (const field of FIELDS) {
    const values = samples.flatMap((s) => (typeof s[field] === "number" ? [s[field]] : []));
    if (values.length === 0) continue;
    values.sort((a, b) => a - b);
    summary[field] = {
      min: values[0]!,
      avg: values.reduce((sum, v) => sum + v, 0) / values.length,
      max: values[values.length - 1]!,
      p95: values[Math.ceil(0.95 * values.length) - 1]!,
    };
  }
  return summary;
}
