// Children → worker → run, the one place where stats are merged: histograms are
// merged (never percentiles averaged), counters summed, a period spans the real
// concurrent window (earliest start to latest end), and a subscription whose
// consumers sit in several children becomes one report. Throws (from
// decodeHistogram) on a corrupt histogram.
import { mergeEncodedHistograms } from "./histogram";
import { SequenceSet } from "./sequence-set";
import type {
  CountersStats,
  CumulativeLatencies,
  LatencyHistograms,
  PeriodStats,
  SubscriptionReport,
  SystemSample,
} from "./types";

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
  // A part from an older worker lacks the per-subscription counts: a partial sum would show its subscriptions short.
  const bySubscription = periods.flatMap((p) => (p.receivedBySubscription ? [p.receivedBySubscription] : []));
  if (bySubscription.length && bySubscription.length === periods.length) merged.receivedBySubscription = sumRecords(bySubscription);
  return merged;
}

export function mergeCumulativeLatencies(latencies: readonly CumulativeLatencies[]): CumulativeLatencies {
  return mergeLatencies(latencies);
}

export function mergeCounters(parts: readonly CountersStats[]): CountersStats {
  const sum: CountersStats = { messagesSent: 0, messageSendErrors: 0, messagesReceived: 0, probesReceived: 0 };
  for (const part of parts) {
    sum.messagesSent += part.messagesSent;
    sum.messageSendErrors += part.messageSendErrors;
    sum.messagesReceived += part.messagesReceived;
    sum.probesReceived += part.probesReceived;
  }
  return sum;
}

/**
 * One report per (subscription, topic). A sequence received by two consumers of
 * one subscription (a rebalance hands a partition over) is a duplicate, even when
 * the two consumers ran in different children.
 */
export function mergeSubscriptionReports(reports: readonly SubscriptionReport[]): SubscriptionReport[] {
  const groups = new Map<string, SubscriptionReport[]>();
  for (const report of reports) {
    const key = JSON.stringify([report.subscription, report.topic]);
    groups.set(key, [...(groups.get(key) ?? []), report]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as SubscriptionReport;
    if (group.length === 1) return first;
    let duplicates = 0;
    const sets = new Map<string, SequenceSet>();
    for (const report of group) {
      duplicates += report.duplicates;
      for (const [producer, encoded] of Object.entries(report.receivedByProducer)) {
        const incoming = SequenceSet.decode(encoded);
        const existing = sets.get(producer);
        if (existing) duplicates += existing.union(incoming);
        else sets.set(producer, incoming);
      }
    }
    return {
      subscription: first.subscription,
      topic: first.topic,
      received: group.reduce((n, r) => n + r.received, 0),
      duplicates,
      receivedByProducer: Object.fromEntries([...sets].map(([producer, set]) => [producer, set.encode()])),
    };
  });
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
