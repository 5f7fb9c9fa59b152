// min / avg / max / p95 of each numeric field of a series of system samples,
// and the samples themselves column by column (a report draws them over time).
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

/** Sample times (ms since epoch) and one column per field any sample carries; a sample without the field gives null. */
export type SystemSeries = { at: number[] } & Partial<Record<SystemField, (number | null)[]>>;

/** CPU to 0.1 %, bytes and bytes/s to whole bytes: finer digits are noise and file size. */
const round = (field: SystemField, v: number) => (field === "cpuPercent" ? Math.round(v * 10) / 10 : Math.round(v));

export function systemSeries(samples: readonly SystemSample[]): SystemSeries {
  const series: SystemSeries = { at: samples.map((s) => s.at) };
  for (const field of FIELDS) {
    if (!samples.some((s) => typeof s[field] === "number")) continue;
    series[field] = samples.map((s) => (typeof s[field] === "number" ? round(field, s[field]) : null));
  }
  return series;
}

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
