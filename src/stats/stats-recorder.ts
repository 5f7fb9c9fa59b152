// What one child process measured: the hot path calls record*() per message
// (no allocation, no Promise); the worker reads drained period stats, cumulative
// latencies (kept until reset() at the end of warmup) and totals since load start.
import { createHistogram, encodeHistogram } from "./histogram";
import { LatencyRecorder } from "./latency-recorder";
import type { CountersStats, CumulativeLatencies, LatencyHistograms, PeriodStats } from "./types";

/** Period stats of one process: the worker adds its system samples after merging. */
export type ProcessPeriodStats = Omit<PeriodStats, "system">;

type LatencyName = keyof LatencyHistograms;
const LATENCY_NAMES: readonly LatencyName[] = [
  "publishLatency",
  "publishDelay",
  "intendedPublishLatency",
  "endToEndLatency",
];

/** `topic/subscription`: a Kafka topic name holds no `/`, so the first one splits the key. */
export function subscriptionKey(topic: string, subscription: string): string {
  return `${topic}/${subscription}`;
}

export class StatsRecorder {
  private period = latencyRecorders();
  /** Cleared recorders to swap in at the next drain (absent while one is encoding). */
  private spare: Record<LatencyName, LatencyRecorder> | undefined = latencyRecorders();
  /** Values of drained periods since the last reset; read together with the current period. */
  private readonly drained = latencyRecorders();

  private periodStartedAt: number;
  private messagesSent = 0;
  private bytesSent = 0;
  private messageSendErrors = 0;
  private errorsByType: Record<string, number> = {};
  private messagesReceived = 0;
  private bytesReceived = 0;
  private receivedBySubscription: Record<string, number> = {};

  private totalMessagesSent = 0;
  private totalMessageSendErrors = 0;
  private totalMessagesReceived = 0;
  private probesReceived = 0;

  /** `wallClockMs` is injectable for tests; period bounds are wall clock ms. */
  constructor(private readonly wallClockMs: () => number = Date.now) {
    this.periodStartedAt = wallClockMs();
  }

  /** A message was handed to the driver (counts toward the backlog from now on). */
  recordSend(): void {
    this.totalMessagesSent++;
  }

  /**
   * The broker acked a message of `bytes` payload bytes. The period's
   * messagesSent/bytesSent count acks, as Java OMB's publish rate does.
   */
  recordAck(bytes: number, publishLatencyUs: number, publishDelayUs: number, intendedLatencyUs: number): void {
    this.messagesSent++;
    this.bytesSent += bytes;
    this.period.publishLatency.record(publishLatencyUs);
    this.period.publishDelay.record(publishDelayUs);
    this.period.intendedPublishLatency.record(intendedLatencyUs);
  }

  /** A send failed for good; `type` as DriverError.type (timeout, connection, a broker error code, …). */
  recordSendError(type: string): void {
    this.messageSendErrors++;
    this.totalMessageSendErrors++;
    this.errorsByType[type] = (this.errorsByType[type] ?? 0) + 1;
  }

  /**
   * A benchmark message arrived for the subscription keyed `subscription`
   * (subscriptionKey()); `endToEndUs` = receive wall clock − send wall clock carried in it.
   */
  recordReceive(bytes: number, endToEndUs: number, subscription: string): void {
    this.messagesReceived++;
    this.receivedBySubscription[subscription] = (this.receivedBySubscription[subscription] ?? 0) + 1;
    this.bytesReceived += bytes;
    this.totalMessagesReceived++;
    this.period.endToEndLatency.record(endToEndUs);
  }

  /** A readiness probe arrived; never counted as a message. */
  recordProbe(): void {
    this.probesReceived++;
  }

  /**
   * The period since the last drain (or reset); starts a new one at once.
   * Its histograms are encoded one per event-loop turn: a producer's sends
   * that come due meanwhile go out on time instead of waiting for all of them.
   */
  async drainPeriod(): Promise<ProcessPeriodStats> {
    const endedAt = this.wallClockMs();
    const period = this.period;
    this.period = this.spare ?? latencyRecorders();
    this.spare = undefined;
    const outOfRange: Partial<Record<LatencyName, number>> = {};
    let anyOutOfRange = false;
    for (const name of LATENCY_NAMES) {
      if (period[name].outOfRange > 0) {
        outOfRange[name] = period[name].outOfRange;
        anyOutOfRange = true;
      }
      this.drained[name].add(period[name]);
    }
    const stats: ProcessPeriodStats = {
      ...this.emptyHistograms(),
      startedAt: this.periodStartedAt,
      endedAt,
      messagesSent: this.messagesSent,
      bytesSent: this.bytesSent,
      messageSendErrors: this.messageSendErrors,
      errorsByType: this.errorsByType,
      messagesReceived: this.messagesReceived,
      bytesReceived: this.bytesReceived,
      receivedBySubscription: this.receivedBySubscription,
      totalMessagesSent: this.totalMessagesSent,
      totalMessagesReceived: this.totalMessagesReceived,
    };
    if (anyOutOfRange) stats.latenciesOutOfRange = outOfRange;
    this.clearPeriodCounters(endedAt);

    for (const name of LATENCY_NAMES) {
      if (period[name].count === 0) continue;
      await nextTurn();
      stats[name] = period[name].encode();
      period[name].reset();
    }
    this.spare = period;
    return stats;
  }

  /** Every latency since the last reset, the current period included. Drains nothing. */
  cumulativeLatencies(): CumulativeLatencies {
    const latencies = {} as CumulativeLatencies;
    for (const name of LATENCY_NAMES) {
      const [drained, period] = [this.drained[name], this.period[name]];
      latencies[name] = drained.count + period.count === 0 ? emptyHistogram() : drained.encode(period);
    }
    return latencies;
  }

  /** Totals since load start; reset() does not clear them (the backlog is derived from them). */
  counters(): CountersStats {
    return {
      messagesSent: this.totalMessagesSent,
      messageSendErrors: this.totalMessageSendErrors,
      messagesReceived: this.totalMessagesReceived,
      probesReceived: this.probesReceived,
    };
  }

  /** End of warmup: clears period and cumulative stats; totals since load start stay. */
  reset(): void {
    for (const name of LATENCY_NAMES) {
      this.period[name].reset();
      this.drained[name].reset();
    }
    this.clearPeriodCounters(this.wallClockMs());
  }

  private emptyHistograms(): LatencyHistograms {
    const histograms = {} as LatencyHistograms;
    for (const name of LATENCY_NAMES) histograms[name] = emptyHistogram();
    return histograms;
  }

  private clearPeriodCounters(startedAt: number): void {
    this.periodStartedAt = startedAt;
    this.messagesSent = 0;
    this.bytesSent = 0;
    this.messageSendErrors = 0;
    this.errorsByType = {};
    this.messagesReceived = 0;
    this.bytesReceived = 0;
    this.receivedBySubscription = {};
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

// A producer-only process never records end-to-end latency, a consumer-only one
// no publish latency: their empty histograms are encoded once, not every period.
let emptyEncoded: string | undefined;
function emptyHistogram(): string {
  return (emptyEncoded ??= encodeHistogram(createHistogram()));
}

function latencyRecorders(): Record<LatencyName, LatencyRecorder> {
  return {
    publishLatency: new LatencyRecorder(),
    publishDelay: new LatencyRecorder(),
    intendedPublishLatency: new LatencyRecorder(),
    endToEndLatency: new LatencyRecorder(),
  };
}
