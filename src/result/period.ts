// One stats period, merged over all workers, turned into the figures Java OMB
// prints and keeps per period. Rates use the period's real window (earliest
// worker start to latest worker end), not the coordinator's polling gap.
import type { LatencyHistograms, PeriodStats } from "../stats/types";
import { decodeHistogram } from "../stats/histogram";
import { latencyFigures } from "./latency";
import type { LatencyFigures, StatsPull, WindowCounts, WindowRates } from "./types";

export type Phase = "warmup" | "measured";

export interface PeriodFigures extends WindowCounts, WindowRates {
  phase: Phase;
  startedAt: number;
  endedAt: number;
  seconds: number;
  errorsByType: Record<string, number>;
  /** Messages sent but not yet received, counted once per subscription. */
  backlog: number;
  /** Messages received per subscription (`topic/subscription`); absent from older workers. */
  receivedBySubscription?: Record<string, number>;
  /** ms */
  publishLatency: LatencyFigures;
  /** µs */
  publishDelay: LatencyFigures;
  /** ms */
  endToEndLatency: LatencyFigures;
  /** ms, from the intended send time */
  intendedPublishLatency: LatencyFigures;
  /** The period's merged histograms, kept so that any percentile over time can be read later. */
  histograms: LatencyHistograms;
  /** How the coordinator gathered this period (set by the load phase). */
  statsPull?: StatsPull;
}

const MiB = 1024 * 1024;

/** The rates of a window's counts; `seconds` must be > 0. */
export function ratesOver(counts: WindowCounts, seconds: number): WindowRates {
  return {
    publishRate: counts.messagesSent / seconds,
    publishMBps: counts.bytesSent / seconds / MiB,
    publishErrorRate: counts.publishErrors / seconds,
    consumeRate: counts.messagesReceived / seconds,
    consumeMBps: counts.bytesReceived / seconds / MiB,
  };
}

/** Java OMB's backlog: every subscription must receive every message sent. */
export function backlogOf(totalSent: number, totalReceived: number, subscriptionsPerTopic: number): number {
  return Math.max(0, subscriptionsPerTopic * totalSent - totalReceived);
}

export function periodFigures(stats: PeriodStats, subscriptionsPerTopic: number, phase: Phase): PeriodFigures {
  // A period of 0 ms (clock step, empty merge) must not divide by zero.
  const seconds = Math.max(0.001, (stats.endedAt - stats.startedAt) / 1000);
  const counts: WindowCounts = {
    messagesSent: stats.messagesSent,
    bytesSent: stats.bytesSent,
    messagesReceived: stats.messagesReceived,
    bytesReceived: stats.bytesReceived,
    publishErrors: stats.messageSendErrors,
  };
  return {
    phase,
    startedAt: stats.startedAt,
    endedAt: stats.endedAt,
    seconds,
    ...counts,
    errorsByType: stats.errorsByType,
    ...ratesOver(counts, seconds),
    backlog: backlogOf(stats.totalMessagesSent, stats.totalMessagesReceived, subscriptionsPerTopic),
    ...(stats.receivedBySubscription ? { receivedBySubscription: stats.receivedBySubscription } : {}),
    publishLatency: latencyFigures(decodeHistogram(stats.publishLatency), "ms"),
    publishDelay: latencyFigures(decodeHistogram(stats.publishDelay), "us"),
    endToEndLatency: latencyFigures(decodeHistogram(stats.endToEndLatency), "ms"),
    intendedPublishLatency: latencyFigures(decodeHistogram(stats.intendedPublishLatency), "ms"),
    histograms: {
      publishLatency: stats.publishLatency,
      publishDelay: stats.publishDelay,
      intendedPublishLatency: stats.intendedPublishLatency,
      endToEndLatency: stats.endToEndLatency,
    },
  };
}
