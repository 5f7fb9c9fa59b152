// Merges what the worker's children report beyond period stats and latencies
// (those are merged by stats/merge.ts): counters, and subscriptions whose
// consumers sit in several children.
import { SequenceSet } from "../stats/sequence-set";
import type { CountersStats, SubscriptionReport } from "../stats/types";

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
