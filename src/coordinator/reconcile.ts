// Reconciliation per subscription: every message carries producer id and
// sequence, so for each subscription we know exactly which acked messages it
// never received (lost) and which it received more than once (duplicated).
import type { Properties } from "../config/types";
import { effectiveIdempotence } from "../config/idempotence";
import type { Reconciliation, SubscriptionReconciliation } from "../result/types";
import { SequenceSet } from "../stats/sequence-set";
import type { ProducerReport, SubscriptionReport } from "../stats/types";
import { mergeSubscriptionReports } from "../stats/merge";
import type { SubscriptionRef } from "./plan";

export interface ReconcileInput {
  subscriptions: SubscriptionRef[];
  /** Final reports of every producer (after stop: sent = acked + failed). */
  producers: ProducerReport[];
  /** From every worker; several workers may hold consumers of one subscription. */
  reports: SubscriptionReport[];
  producerConfig: Properties;
  /** False when a worker's reports are missing or the run was cut short. */
  complete: boolean;
  /**
   * Subscriptions with a consumer whose receipts were lost with its worker (or
   * child process): what they did not report is unverified, not lost.
   */
  unobserved?: SubscriptionRef[];
}

/**
 * Duplicates are expected only from a producer that retries without
 * idempotence, which Java turns on by default (config/idempotence.ts).
 */
export function duplicatesPolicy(producerConfig: Properties): { allowed: boolean; note: string } {
  const retries = producerConfig.retries;
  if (effectiveIdempotence(producerConfig)) {
    const why = producerConfig["enable.idempotence"] === true ? "enable.idempotence=true" : "idempotence on (Java's default with acks=all)";
    return { allowed: false, note: `${why}: the broker drops retried duplicates, so none are expected` };
  }
  if (retries === 0) return { allowed: false, note: "retries=0: a send is never repeated, so no duplicates are expected" };
  return {
    allowed: true,
    note: `retries${retries === undefined ? " (client default)" : `=${retries}`} without idempotence: a retried send may be written twice, so duplicates are allowed`,
  };
}

export function reconcile(input: ReconcileInput): Reconciliation {
  const merged = new Map(mergeSubscriptionReports(input.reports).map((r) => [key(r.topic, r.subscription), r]));
  const failedSets = new Map(input.producers.map((p) => [p.id, SequenceSet.decode(p.failedSequences)]));
  const unobserved = new Set((input.unobserved ?? []).map((r) => key(r.topic, r.subscription)));
  const subscriptions = input.subscriptions.map((ref): SubscriptionReconciliation => {
    const report = merged.get(key(ref.topic, ref.subscription));
    const row: SubscriptionReconciliation = { ...ref, acked: 0, consumed: 0, lost: 0, duplicated: report?.duplicates ?? 0, receivedAfterFailedSend: 0, unverified: 0 };
    for (const producer of input.producers.filter((p) => p.topic === ref.topic)) {
      const encoded = report?.receivedByProducer[producer.id];
      const received = encoded ? SequenceSet.decode(encoded) : new SequenceSet();
      const failed = failedSets.get(producer.id)!;
      // Sequences 0..sent-1 were handed over; each was acked or failed.
      const lost = received.countMissing(producer.sent, failed);
      const coveredByEither = producer.sent - lost;
      row.acked += producer.acked;
      row.lost += lost;
      row.consumed += producer.acked - lost;
      row.receivedAfterFailedSend += received.count + failed.count - coveredByEither;
    }
    if (unobserved.has(key(ref.topic, ref.subscription))) {
      row.unverified = row.lost;
      row.lost = 0;
    }
    return row;
  });

  const sum = (f: (s: SubscriptionReconciliation) => number) => subscriptions.reduce((n, s) => n + f(s), 0);
  const policy = duplicatesPolicy(input.producerConfig);
  const lost = sum((s) => s.lost);
  const duplicated = sum((s) => s.duplicated);
  return {
    subscriptions,
    acked: input.producers.reduce((n, p) => n + p.acked, 0),
    failed: input.producers.reduce((n, p) => n + p.failed, 0),
    lost,
    duplicated,
    unverified: sum((s) => s.unverified ?? 0),
    duplicatesAllowed: policy.allowed,
    duplicatesNote: policy.note,
    clean: lost === 0 && (duplicated === 0 || policy.allowed),
    complete: input.complete,
  };
}

const key = (topic: string, subscription: string) => `${topic}\u0000${subscription}`;
