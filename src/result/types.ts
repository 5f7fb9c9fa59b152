// The result file of one workload × driver run: every field of Java OMB's
// TestResult (same names, same units: ms for latencies, µs for publish delay)
// so OMB's own tools read it, plus an `omb` block with what Java OMB does not
// keep (encoded histograms, reconciliation, workers, system stats). On disk the
// two live in separate files (writer.ts): Java's tools refuse unknown fields.
import type { DriverConfig, Workload } from "../config/types";
import type { FieldSummary, SystemField, SystemSeries } from "../stats/system-summary";
import type { EncodedHistogram, LatencyHistograms } from "../stats/types";

/**
 * The verdict on a run (SPEC §9): `ok` a valid measurement; `invalid` the run
 * completed but a validity check failed; `incomplete` a worker (or one of its
 * processes) was lost or the measured phase was cut short; `aborted` Ctrl-C or
 * SIGTERM; `failed` the run never started (broker unreachable, topics not created).
 */
export type RunStatus = "ok" | "invalid" | "incomplete" | "aborted" | "failed";
export const RUN_STATUSES: readonly RunStatus[] = ["ok", "invalid", "incomplete", "aborted", "failed"];

/** What the run itself came to, before its figures are judged: the verdict's input. */
export type RunOutcome = "completed" | "incomplete" | "aborted" | "failed";

/** How a run is judged; stored in the result so that re-judging it later gives the same verdict. */
export interface JudgeOptions {
  /** Failed and unsettled sends tolerated, as a fraction of all sends (default 0). */
  maxErrorRate: number;
  /** How far the achieved rates may fall from the target (and consume from publish), as a fraction (default 0.02). */
  rateTolerance: number;
  /** Warnings (client-bound, clock offset) fail the run too. */
  strict: boolean;
  /** k6-style thresholds, as written (config/thresholds.ts). */
  thresholds: string[];
}

/** One validity check: an id that never changes, and a line that says what was found. */
export interface Check {
  id: string;
  ok: boolean;
  /** "name: detail" when there is a detail (the HTML report splits it there). */
  label: string;
}

export interface VerdictWarning {
  /** e.g. "client-bound", "clock-offset". */
  id: string;
  message: string;
}

export interface ThresholdResult {
  /** As written. */
  threshold: string;
  ok: boolean;
  /** The measured value in the threshold's unit (ms, msg/s, fraction, messages); undefined when not measured. */
  value?: number;
  /** e.g. "p99=42.1 ms". */
  shown: string;
}

/** result/verdict.ts's answer: a pure function of the result (and the judging options). */
export interface Verdict {
  status: RunStatus;
  /** 0 ok and every threshold met, 1 not valid, 3 valid but a threshold breached (src/exit-codes.ts). */
  exitCode: 0 | 1 | 3;
  checks: Check[];
  warnings: VerdictWarning[];
  thresholds: ThresholdResult[];
}

/** One worker's clock against the coordinator's, NTP-style (coordinator/clock-offset.ts). */
export interface ClockOffset {
  worker: string;
  /** Worker clock minus coordinator clock, ms. */
  offsetMs: number;
  /** ± half the round trip of the sample the offset came from, ms. */
  uncertaintyMs: number;
  /** Round trips measured (at start and end). */
  samples: number;
  /** How far the offset moved between the start and the end of the run, ms, when both were measured. */
  driftMs?: number;
}

/** Java OMB's quantile maps: percentile (as Java prints a double) → value. */
export type Quantiles = Record<string, number>;

export interface JavaTestResult {
  workload: string;
  driver: string;
  messageSize: number;
  topics: number;
  partitions: number;
  producersPerTopic: number;
  consumersPerTopic: number;

  publishRate: number[];
  publishErrorRate: number[];
  consumeRate: number[];
  backlog: number[];

  publishLatencyAvg: number[];
  publishLatency50pct: number[];
  publishLatency75pct: number[];
  publishLatency95pct: number[];
  publishLatency99pct: number[];
  publishLatency999pct: number[];
  publishLatency9999pct: number[];
  publishLatencyMax: number[];

  publishDelayLatencyAvg: number[];
  publishDelayLatency50pct: number[];
  publishDelayLatency75pct: number[];
  publishDelayLatency95pct: number[];
  publishDelayLatency99pct: number[];
  publishDelayLatency999pct: number[];
  publishDelayLatency9999pct: number[];
  publishDelayLatencyMax: number[];

  aggregatedPublishLatencyAvg: number;
  aggregatedPublishLatency50pct: number;
  aggregatedPublishLatency75pct: number;
  aggregatedPublishLatency95pct: number;
  aggregatedPublishLatency99pct: number;
  aggregatedPublishLatency999pct: number;
  aggregatedPublishLatency9999pct: number;
  aggregatedPublishLatencyMax: number;

  aggregatedPublishDelayLatencyAvg: number;
  aggregatedPublishDelayLatency50pct: number;
  aggregatedPublishDelayLatency75pct: number;
  aggregatedPublishDelayLatency95pct: number;
  aggregatedPublishDelayLatency99pct: number;
  aggregatedPublishDelayLatency999pct: number;
  aggregatedPublishDelayLatency9999pct: number;
  aggregatedPublishDelayLatencyMax: number;

  aggregatedPublishLatencyQuantiles: Quantiles;
  aggregatedPublishDelayLatencyQuantiles: Quantiles;

  endToEndLatencyAvg: number[];
  endToEndLatency50pct: number[];
  endToEndLatency75pct: number[];
  endToEndLatency95pct: number[];
  endToEndLatency99pct: number[];
  endToEndLatency999pct: number[];
  endToEndLatency9999pct: number[];
  endToEndLatencyMax: number[];

  aggregatedEndToEndLatencyQuantiles: Quantiles;

  aggregatedEndToEndLatencyAvg: number;
  aggregatedEndToEndLatency50pct: number;
  aggregatedEndToEndLatency75pct: number;
  aggregatedEndToEndLatency95pct: number;
  aggregatedEndToEndLatency99pct: number;
  aggregatedEndToEndLatency999pct: number;
  aggregatedEndToEndLatency9999pct: number;
  aggregatedEndToEndLatencyMax: number;
}

/**
 * Every field of Java OMB's TestResult, in its declaration order (the order its
 * JSON writer uses): a result's main file holds these and nothing else, so a
 * strict reader (Jackson without ignoring unknown fields) accepts it.
 */
export const JAVA_TEST_RESULT_FIELDS = [
  "workload", "driver", "messageSize", "topics", "partitions", "producersPerTopic", "consumersPerTopic",
  "publishRate", "publishErrorRate", "consumeRate", "backlog", "publishLatencyAvg", "publishLatency50pct",
  "publishLatency75pct", "publishLatency95pct", "publishLatency99pct", "publishLatency999pct",
  "publishLatency9999pct", "publishLatencyMax", "publishDelayLatencyAvg", "publishDelayLatency50pct",
  "publishDelayLatency75pct", "publishDelayLatency95pct", "publishDelayLatency99pct",
  "publishDelayLatency999pct", "publishDelayLatency9999pct", "publishDelayLatencyMax",
  "aggregatedPublishLatencyAvg", "aggregatedPublishLatency50pct", "aggregatedPublishLatency75pct",
  "aggregatedPublishLatency95pct", "aggregatedPublishLatency99pct", "aggregatedPublishLatency999pct",
  "aggregatedPublishLatency9999pct", "aggregatedPublishLatencyMax", "aggregatedPublishDelayLatencyAvg",
  "aggregatedPublishDelayLatency50pct", "aggregatedPublishDelayLatency75pct",
  "aggregatedPublishDelayLatency95pct", "aggregatedPublishDelayLatency99pct",
  "aggregatedPublishDelayLatency999pct", "aggregatedPublishDelayLatency9999pct",
  "aggregatedPublishDelayLatencyMax", "aggregatedPublishLatencyQuantiles",
  "aggregatedPublishDelayLatencyQuantiles", "endToEndLatencyAvg", "endToEndLatency50pct",
  "endToEndLatency75pct", "endToEndLatency95pct", "endToEndLatency99pct", "endToEndLatency999pct",
  "endToEndLatency9999pct", "endToEndLatencyMax", "aggregatedEndToEndLatencyQuantiles",
  "aggregatedEndToEndLatencyAvg", "aggregatedEndToEndLatency50pct", "aggregatedEndToEndLatency75pct",
  "aggregatedEndToEndLatency95pct", "aggregatedEndToEndLatency99pct", "aggregatedEndToEndLatency999pct",
  "aggregatedEndToEndLatency9999pct", "aggregatedEndToEndLatencyMax",
] as const satisfies readonly (keyof JavaTestResult)[];

// Fails to compile when JavaTestResult gains a field the list above lacks.
type Unlisted = Exclude<keyof JavaTestResult, (typeof JAVA_TEST_RESULT_FIELDS)[number]>;
const everyFieldListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyFieldListed;

/** avg and percentiles of one histogram, in the unit its name says. */
export interface LatencyFigures {
  avg: number;
  p50: number;
  p75: number;
  p95: number;
  p99: number;
  p999: number;
  p9999: number;
  max: number;
  count: number;
}

/** What a window (one period, or the whole run) counted, summed over workers. */
export interface WindowCounts {
  messagesSent: number;
  bytesSent: number;
  messagesReceived: number;
  bytesReceived: number;
  publishErrors: number;
}

/** Those counts per second of the window; MB here is MiB, as Java OMB divides by 1024². */
export interface WindowRates {
  publishRate: number;
  publishMBps: number;
  publishErrorRate: number;
  consumeRate: number;
  consumeMBps: number;
}

export interface Throughput extends WindowCounts, WindowRates {
  /** The real concurrent window: earliest period start to latest period end, ms since epoch. */
  windowStart: number;
  windowEnd: number;
  seconds: number;
}

export interface PeriodWindow {
  phase: "warmup" | "measured";
  startedAt: number;
  endedAt: number;
  /** Publish latency from the intended send time, ms: the series Java OMB never had. */
  intendedPublishLatency: LatencyFigures;
  publishMBps: number;
  consumeMBps: number;
  errorsByType: Record<string, number>;
  /** The period's histograms merged over workers (µs, compressed), as the cumulative ones. */
  histograms: LatencyHistograms;
  /**
   * Messages received in the period per subscription, keyed `topic/subscription`:
   * the "consumers kept up" check judges each one. Absent in older files.
   */
  receivedBySubscription?: Record<string, number>;
  statsPull?: StatsPull;
}

/** The coordinator's cost of one period: every worker asked at once, then their answers merged. */
export interface StatsPull {
  /** Workers whose answers were merged. */
  workers: number;
  /** From the first request to the last answer (or bound), answers parsed. */
  pullMs: number;
  /** Merging the histograms and counts, and the period's figures. */
  mergeMs: number;
}

export interface SubscriptionReconciliation {
  topic: string;
  subscription: string;
  /** Acked by the broker to the producers of this topic. */
  acked: number;
  /** Distinct acked messages this subscription received. */
  consumed: number;
  /** Acked, never received by this subscription. */
  lost: number;
  /** Receipts beyond the first of the same message. */
  duplicated: number;
  /** Received although the producer saw the send fail (the broker kept it anyway). */
  receivedAfterFailedSend: number;
  /** Acked, not seen, because a consumer of this subscription was on a lost worker: never counted as lost. */
  unverified?: number;
}

export interface Reconciliation {
  subscriptions: SubscriptionReconciliation[];
  acked: number;
  failed: number;
  lost: number;
  duplicated: number;
  /** Acked messages nobody could vouch for: their subscription's consumer worker was lost. */
  unverified?: number;
  /** Retries without idempotence may duplicate; then duplicates do not fail the run. */
  duplicatesAllowed: boolean;
  /** Why duplicates are or are not allowed, for the report. */
  duplicatesNote: string;
  /** lost 0, and no duplicates unless allowed. */
  clean: boolean;
  /** Reconciliation is only meaningful with every worker's report. */
  complete: boolean;
}

/** min / avg / max / p95 of each system metric over the run (SPEC §4), with the sample count. */
export type WorkerSystemSummary = { samples: number } & Partial<Record<SystemField, FieldSummary>>;

export interface WorkerResult {
  id: string;
  roles: ("producer" | "consumer")[];
  version?: string;
  processes?: number;
  /** Why the worker dropped out of the run, when it did. */
  lost?: string;
  crashedChildren: { child: number; exitCode: number | null; signal: string | null; producers: string[]; consumers: string[] }[];
  producers: { id: string; topic: string; sent: number; acked: number; failed: number; errorsByType: Record<string, number> }[];
  subscriptions: { topic: string; subscription: string; received: number; duplicates: number }[];
  /** Measured phase only. */
  messagesSent: number;
  messagesReceived: number;
  publishErrors: number;
  system?: WorkerSystemSummary;
  /** The measured phase's system samples (one a second), column by column. */
  systemSeries?: SystemSeries;
}

export interface MaxRateDiscovery {
  /** The answer: see `rule` (result/max-rate-answer.ts); 0 when no period run qualified. */
  sustainedRate: number;
  /** How the answer was found, in words. */
  rule?: string;
  /** The measured periods (first, last index) the answer was held over. */
  heldPeriods?: [number, number];
  /** Where the controller's trajectory ended: not the answer. */
  finalTargetRate: number;
  history: { at: number; rate: number; reason: string }[];
}

export interface BacklogTest {
  targetBytes: number;
  built: boolean;
  buildSeconds: number;
  drained: boolean;
  drainSeconds: number;
  /** Backlog (messages) at which draining counted as done. */
  drainedBelow: number;
  note?: string;
}

export interface TopicCleanup {
  kept: boolean;
  deleted: string[];
  leftovers: { name: string; error: string }[];
  /** Command that deletes the leftovers by hand. */
  command?: string;
  /** The run never got its topics created: nothing to delete, nothing left. */
  notCreated?: boolean;
  /** Created by the run, gone before its cleanup: deleted from outside during the run. */
  vanished?: string[];
}

export interface OmbBlock {
  testId: string;
  /** The verdict's status (result/verdict.ts), stored; `outcome` is what it was judged from. */
  status: RunStatus;
  /** What the run came to before judging; absent in files older than verdicts (then read from status). */
  outcome?: RunOutcome;
  /** Why the status is not ok, and other run-level problems. */
  problems: string[];
  /** The options the run was judged with; `omb report` re-judges with them unless told otherwise. */
  judging?: JudgeOptions;
  /** The verdict as judged when the result was written. */
  verdict?: Verdict;
  /** Each worker's clock offset against the coordinator (absent for older files). */
  clock?: ClockOffset[];
  startedAt: string;
  endedAt: string;
  versions: { omb: string; commit: string; bun: string };
  workload: Workload;
  workloadSource: string;
  /** Secrets redacted. */
  driverConfig: DriverConfig;
  driverSource: string;
  driverWarnings: string[];
  /** Target msg/s; 0 when discovered. */
  targetRate: number;
  statsIntervalSeconds: number;
  topicNames: string[];
  workers: WorkerResult[];
  periods: PeriodWindow[];
  throughput: Throughput;
  errorsByType: Record<string, number>;
  aggregatedIntendedPublishLatency: LatencyFigures;
  aggregatedIntendedPublishLatencyQuantiles: Quantiles;
  /** Cumulative histograms of the measured phase, merged over workers. */
  histograms: {
    publishLatency: EncodedHistogram;
    publishDelay: EncodedHistogram;
    intendedPublishLatency: EncodedHistogram;
    endToEndLatency: EncodedHistogram;
  };
  reconciliation: Reconciliation;
  maxRate?: MaxRateDiscovery;
  backlogTest?: BacklogTest;
  topicCleanup: TopicCleanup;
}

export interface TestResult extends JavaTestResult {
  omb: OmbBlock;
}
