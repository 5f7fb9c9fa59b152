// Builders of stats, reports and results for the coordinator/result/report tests.
import type { Workload } from "../../src/config/types";
import { buildTestResult, type ResultInput } from "../../src/result/build";
import { periodFigures } from "../../src/result/period";
import type { TestResult } from "../../src/result/types";
import { createHistogram, encodeHistogram } from "../../src/stats/histogram";
import { SequenceSet } from "../../src/stats/sequence-set";
import type { EncodedHistogram, PeriodStats, ProducerReport, SubscriptionReport } from "../../src/stats/types";

export function workload(over: Partial<Workload> = {}): Workload {
  return {
    name: "acceptance",
    topics: 2,
    partitionsPerTopic: 4,
    messageSize: 1024,
    useRandomizedPayloads: false,
    randomBytesRatio: 0,
    randomizedPayloadPoolSize: 0,
    keyDistributor: "NO_KEY",
    subscriptionsPerTopic: 2,
    consumerPerSubscription: 2,
    producersPerTopic: 2,
    producerRate: 5000,
    consumerBacklogSizeGB: 0,
    backlogDrainRatio: 1,
    testDurationSeconds: 20,
    warmupDurationSeconds: 5,
    ...over,
  };
}

/** A histogram holding `values` (µs). */
export function hist(values: number[]): EncodedHistogram {
  const h = createHistogram();
  for (const v of values) h.recordValue(v);
  return encodeHistogram(h);
}

/** 1..n µs scaled: n values evenly spread up to `maxUs`. */
export function spread(n: number, maxUs: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.round(((i + 1) / n) * maxUs));
}

export function period(over: Partial<PeriodStats> = {}): PeriodStats {
  return {
    publishLatency: hist(spread(1000, 10_000)),
    publishDelay: hist(spread(1000, 500)),
    intendedPublishLatency: hist(spread(1000, 12_000)),
    endToEndLatency: hist(spread(2000, 20_000)),
    startedAt: 1_700_000_000_000,
    endedAt: 1_700_000_010_000,
    messagesSent: 50_000,
    bytesSent: 50_000 * 1024,
    messageSendErrors: 0,
    errorsByType: {},
    messagesReceived: 100_000,
    bytesReceived: 100_000 * 1024,
    totalMessagesSent: 50_000,
    totalMessagesReceived: 100_000,
    system: [],
    ...over,
  };
}

export function sequences(from: number, to: number, skip: (n: number) => boolean = () => false): string {
  const s = new SequenceSet();
  for (let i = from; i < to; i++) if (!skip(i)) s.add(i);
  return s.encode();
}

export function producerReport(id: string, topic: string, sent: number, failed: number[] = []): ProducerReport {
  const f = new SequenceSet();
  for (const n of failed) f.add(n);
  return { id, topic, sent, acked: sent - failed.length, failed: failed.length, failedSequences: f.encode(), errorsByType: failed.length ? { timeout: failed.length } : {} };
}

export function subscriptionReport(topic: string, subscription: string, byProducer: Record<string, string>, duplicates = 0): SubscriptionReport {
  let received = duplicates;
  for (const encoded of Object.values(byProducer)) received += SequenceSet.decode(encoded).count;
  return { topic, subscription, received, duplicates, receivedByProducer: byProducer };
}

/** A complete, clean result of one measured period. */
export function sampleResult(over: Partial<ResultInput> = {}): TestResult {
  const w = workload();
  const p = period();
  const driver = { name: "Kafka", driverClass: "kafkajs", client: "kafkajs" as const, replicationFactor: 1, reset: false, topicConfig: {}, commonConfig: {}, producerConfig: {}, consumerConfig: {} };
  return buildTestResult({
    testId: "acceptance-20250101-000000",
    workload: w,
    workloadRef: { workload: w, source: "workloads/acceptance.yaml" },
    driverRef: { driver, source: "configs/k.yaml", warnings: [] },
    redactedDriver: driver,
    topicNames: ["omb-a-0"],
    roles: { producerWorkers: ["http://w0:1"], consumerWorkers: ["http://w1:1"] },
    workerIds: ["http://w0:1", "http://w1:1"],
    startedAt: new Date(0),
    endedAt: new Date(1),
    targetRate: 5000,
    statsIntervalMs: 10_000,
    health: new Map(),
    lost: new Map(),
    periods: [periodFigures(p, 2, "measured")],
    perWorker: new Map(),
    cumulative: { publishLatency: p.publishLatency, publishDelay: p.publishDelay, intendedPublishLatency: p.intendedPublishLatency, endToEndLatency: p.endToEndLatency },
    producerReports: new Map(),
    stopResults: new Map(),
    crashed: new Map(),
    loadStarted: true,
    measuredCompleted: true,
    problems: [],
    reconciliation: {
      subscriptions: [{ topic: "omb-a-0", subscription: "omb-a-0-sub-0", acked: 50_000, consumed: 50_000, lost: 0, duplicated: 0, receivedAfterFailedSend: 0 }],
      acked: 50_000,
      failed: 0,
      lost: 0,
      duplicated: 0,
      duplicatesAllowed: false,
      duplicatesNote: "",
      clean: true,
      complete: true,
    },
    topicCleanup: { kept: false, deleted: ["omb-a-0"], leftovers: [] },
    ...over,
  });
}
