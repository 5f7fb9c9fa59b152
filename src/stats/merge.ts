// Children → worker → run: histograms are merged (never percentiles averaged),
// counters summed, and a period spans the real concurrent window, earliest
// start to latest end. Throws (from decodeHistogram) on a corrupt histogram.
import { mergeEncodedHistograms } from "./histogram";
import type { CumulativeLatencies, LatencyHistograms, PeriodStats, SystemSample } from "./types";

/** A period from a child (no system samples) or from a worker. */
export type PeriodStatsInput = Omit<PeriodStats, "system"> & { system?: SystemSample[] };

const LATENCY_NAMES: readonly (keyof LatencyHistograms)[] = [
  "publishLatency",
  "publishDelay",
  "intendedPublishLatency",
  "endToEndLatency",
];

const COUNTERS = [
  "messagesSent",
  "bytesSent",
  "messageSendErrors",
  "messagesReceived",
  "bytesReceived",
  "totalMessagesSent",
  "totalMessagesReceived",
] as const;

/** Merges periods; system samples are concatenated in time order. An empty list gives an empty period at 0. */
export function mergePeriodStats(periods: readonly PeriodStatsInput[]): PeriodStats {
  const merged: PeriodStats = {
    ...mergeLatencies(periods),
    startedAt: periods.length ? Math.min(...periods.map((p) => p.startedAt)) : 0,
    endedAt: periods.length ? Math.max(...periods.map((p) => p.endedAt)) : 0,
    messagesSent: 0,
    bytesSent: 0,
    messageSendErrors: 0,
    errorsByType: sumRecords(periods.map((p) => p.errorsByType)),
    messagesReceived: 0,
    bytesReceived: 0,
    totalMessagesSent: 0,
    totalMessagesReceived: 0,
    system: periods.flatMap((p) => p.system ?? []).sort((a, b) => a.at - b.at),
  };
  for (const period of periods) {
    for (const counter of COUNTERS) merged[counter] += period[counter];
  }
  const outOfRange = periods.flatMap((p) => (p.latenciesOutOfRange ? [p.latenciesOutOfRange] : []));
  if (outOfRange.length) merged.latenciesOutOfRange = sumRecords(outOfRange);
  return merged;
}

export function mergeCumulativeLatencies(latencies: readonly CumulativeLatencies[]): CumulativeLatencies {
  return mergeLatencies(latencies);
}

function mergeLatencies(parts: readonly LatencyHistograms[]): LatencyHistograms {
  const merged = {} as LatencyHistograms;
  for (const name of LATENCY_NAMES) merged[name] = mergeEncodedHistograms(parts.map((p) => p[name]));
  return merged;
}

function sumRecords<K extends string>(records: readonly Partial<Record<K, number>>[]): Record<K, number> {
  const sum = {} as Record<K, number>;
  for (const record of records) {
    for (const key in record) sum[key] = (sum[key] ?? 0) + (record[key] ?? 0);
  }
  return sum;
}
