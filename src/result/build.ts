// The test result of one run, built from what the coordinator recorded. Pure:
// the same record always gives the same result, so it is tested without workers.
import { buildInfo } from "../build-info";
import type { LoadedDriverConfig, LoadedWorkload, Workload } from "../config/types";
import { decodeHistogram, encodeHistogram, createHistogram } from "../stats/histogram";
import type { CumulativeLatencies, ProducerReport, SubscriptionReport, SystemSample } from "../stats/types";
import type { ChildCrash, StopResult, WorkerHealth } from "../worker/api/types";
import { javaFields } from "./java-fields";
import { latencyFigures, quantiles } from "./latency";
import { type PeriodFigures, ratesOver } from "./period";
import { summarizeSystemSamples, systemSeries } from "../stats/system-summary";
import { maxRateAnswer } from "./max-rate-answer";
import { withVerdict } from "./verdict";
import type {
  BacklogTest,
  ClockOffset,
  JudgeOptions,
  MaxRateDiscovery,
  Reconciliation,
  RunOutcome,
  TestResult,
  Throughput,
  TopicCleanup,
  WindowCounts,
  WorkerResult,
} from "./types";

export interface ResultInput {
  testId: string;
  workload: Workload;
  workloadRef: LoadedWorkload;
  driverRef: LoadedDriverConfig;
  /** The driver config as it may be shown (secrets redacted). */
  redactedDriver: LoadedDriverConfig["driver"];
  topicNames: string[];
  roles: { producerWorkers: string[]; consumerWorkers: string[] };
  workerIds: string[];
  startedAt: Date;
  endedAt: Date;
  targetRate: number;
  statsIntervalMs: number;
  health: Map<string, WorkerHealth>;
  lost: Map<string, string>;
  periods: PeriodFigures[];
  perWorker: Map<string, { messagesSent: number; messagesReceived: number; publishErrors: number; system: SystemSample[] }>;
  cumulative?: CumulativeLatencies;
  producerReports: Map<string, ProducerReport[]>;
  stopResults: Map<string, StopResult>;
  crashed: Map<string, ChildCrash[]>;
  /** The load started: false when the run never got that far (broker unreachable, topics not created). */
  loadStarted: boolean;
  /** The measured phase ran to its end. */
  measuredCompleted: boolean;
  aborted?: string;
  problems: string[];
  reconciliation: Reconciliation;
  maxRate?: MaxRateDiscovery;
  backlogTest?: BacklogTest;
  topicCleanup: TopicCleanup;
  /** Each worker's clock against the coordinator's. */
  clock?: ClockOffset[];
  /** How to judge the run (result/verdict.ts); defaults where not given. */
  judging?: Partial<JudgeOptions>;
}

export function runOutcome(input: Pick<ResultInput, "aborted" | "lost" | "crashed" | "measuredCompleted" | "loadStarted">): RunOutcome {
  if (input.aborted) return "aborted";
  if (!input.loadStarted) return "failed";
  const crashed = [...input.crashed.values()].some((c) => c.length > 0);
  return input.measuredCompleted && input.lost.size === 0 && !crashed ? "completed" : "incomplete";
}

/** The producers' final reports of each worker: from stop, or else from stop-load. */
export function finalProducerReports(input: Pick<ResultInput, "stopResults" | "producerReports">): Map<string, ProducerReport[]> {
  const out = new Map(input.producerReports);
  for (const [id, stop] of input.stopResults) if (stop.producers.length > 0) out.set(id, stop.producers);
  return out;
}

export function throughputOf(periods: PeriodFigures[]): Throughput {
  const windowStart = periods.length ? Math.min(...periods.map((p) => p.startedAt)) : 0;
  const windowEnd = periods.length ? Math.max(...periods.map((p) => p.endedAt)) : 0;
  const counts: WindowCounts = { messagesSent: 0, bytesSent: 0, messagesReceived: 0, bytesReceived: 0, publishErrors: 0 };
  for (const p of periods) {
    counts.messagesSent += p.messagesSent;
    counts.bytesSent += p.bytesSent;
    counts.messagesReceived += p.messagesReceived;
    counts.bytesReceived += p.bytesReceived;
    counts.publishErrors += p.publishErrors;
  }
  const seconds = (windowEnd - windowStart) / 1000;
  const rates =
    seconds > 0
      ? ratesOver(counts, seconds)
      : { publishRate: 0, publishMBps: 0, publishErrorRate: 0, consumeRate: 0, consumeMBps: 0 };
  return { windowStart, windowEnd, seconds, ...counts, ...rates };
}

function sumErrors(reports: ProducerReport[], periods: PeriodFigures[]): Record<string, number> {
  const sum: Record<string, number> = {};
  const sources = reports.length ? reports.map((r) => r.errorsByType) : periods.map((p) => p.errorsByType);
  for (const errors of sources) for (const [type, n] of Object.entries(errors)) sum[type] = (sum[type] ?? 0) + n;
  return sum;
}

function workerResults(input: ResultInput, producers: Map<string, ProducerReport[]>): WorkerResult[] {
  return input.workerIds.map((id) => {
    const health = input.health.get(id);
    const stop = input.stopResults.get(id);
    const totals = input.perWorker.get(id);
    const samples = totals?.system.length ? totals.system : (stop?.system ?? []);
    const roles: WorkerResult["roles"] = [];
    if (input.roles.producerWorkers.includes(id)) roles.push("producer");
    if (input.roles.consumerWorkers.includes(id)) roles.push("consumer");
    return {
      id,
      roles,
      version: health?.version,
      processes: health?.processes,
      lost: input.lost.get(id),
      crashedChildren: input.crashed.get(id) ?? [],
      producers: (producers.get(id) ?? []).map(({ failedSequences: _, ...rest }) => rest),
      subscriptions: (stop?.subscriptions ?? []).map((s: SubscriptionReport) => ({
        topic: s.topic,
        subscription: s.subscription,
        received: s.received,
        duplicates: s.duplicates,
      })),
      messagesSent: totals?.messagesSent ?? 0,
      messagesReceived: totals?.messagesReceived ?? 0,
      publishErrors: totals?.publishErrors ?? 0,
      system: samples.length ? { samples: samples.length, ...summarizeSystemSamples(samples) } : undefined,
      systemSeries: samples.length ? systemSeries(samples) : undefined,
    };
  });
}

export function buildTestResult(input: ResultInput): TestResult {
  const empty = encodeHistogram(createHistogram());
  const cumulative = input.cumulative ?? { publishLatency: empty, publishDelay: empty, intendedPublishLatency: empty, endToEndLatency: empty };
  const measured = input.periods.filter((p) => p.phase === "measured");
  const producers = finalProducerReports(input);
  const throughput = throughputOf(measured);
  const intended = decodeHistogram(cumulative.intendedPublishLatency);
  const outcome = runOutcome(input);
  const answer = input.maxRate && maxRateAnswer(measured, input.workload.subscriptionsPerTopic);
  const maxRate = input.maxRate && answer && { ...input.maxRate, sustainedRate: answer.rate, rule: answer.rule, ...(answer.periods ? { heldPeriods: answer.periods } : {}) };
  const problems = [...input.problems];
  for (const [id, reason] of input.lost) problems.push(`worker ${id} lost: ${reason}`);
  if (input.aborted) problems.push(`interrupted by ${input.aborted}`);

  const result: TestResult = {
    ...javaFields({ workload: input.workload, driverName: input.driverRef.driver.name, periods: measured, cumulative }),
    omb: {
      testId: input.testId,
      // Replaced by the verdict's status below.
      status: "ok",
      outcome,
      problems,
      startedAt: input.startedAt.toISOString(),
      endedAt: input.endedAt.toISOString(),
      versions: { omb: buildInfo.version, commit: buildInfo.commit, bun: buildInfo.bun },
      workload: input.workload,
      workloadSource: input.workloadRef.source,
      driverConfig: input.redactedDriver,
      driverSource: input.driverRef.source,
      driverWarnings: input.driverRef.warnings,
      targetRate: input.workload.producerRate > 0 ? input.workload.producerRate : 0,
      statsIntervalSeconds: input.statsIntervalMs / 1000,
      topicNames: input.topicNames,
      workers: workerResults(input, producers),
      periods: input.periods.map((p) => ({
        phase: p.phase,
        startedAt: p.startedAt,
        endedAt: p.endedAt,
        intendedPublishLatency: p.intendedPublishLatency,
        publishMBps: p.publishMBps,
        consumeMBps: p.consumeMBps,
        errorsByType: p.errorsByType,
        histograms: p.histograms,
        receivedBySubscription: p.receivedBySubscription,
        statsPull: p.statsPull,
      })),
      throughput,
      errorsByType: sumErrors([...producers.values()].flat(), measured),
      aggregatedIntendedPublishLatency: latencyFigures(intended, "ms"),
      aggregatedIntendedPublishLatencyQuantiles: quantiles(intended, "ms"),
      histograms: {
        publishLatency: cumulative.publishLatency,
        publishDelay: cumulative.publishDelay,
        intendedPublishLatency: cumulative.intendedPublishLatency,
        endToEndLatency: cumulative.endToEndLatency,
      },
      reconciliation: input.reconciliation,
      maxRate,
      backlogTest: input.backlogTest,
      topicCleanup: input.topicCleanup,
      ...(input.clock ? { clock: input.clock } : {}),
    },
  };
  return withVerdict(result, input.judging);
}
