// What the stats step hands upward. Histograms and sequence sets travel as
// compressed base64 so that processes and hosts merge them exactly.

/** hdr-histogram-js, values in µs (1 µs .. 1 h, 3 significant digits), compressed base64. */
export type EncodedHistogram = string;

/** A SequenceSet (which sequence numbers of one producer were seen), compressed base64. */
export type EncodedSequenceSet = string;

export interface LatencyHistograms {
  /** Handed to the driver → acked. */
  publishLatency: EncodedHistogram;
  /** Actual send − intended send (limiter schedule). */
  publishDelay: EncodedHistogram;
  /** Intended send → acked: publish latency free of coordinated omission. */
  intendedPublishLatency: EncodedHistogram;
  /** Consumer receive (wall clock) − send timestamp carried in the message. */
  endToEndLatency: EncodedHistogram;
}

export interface SystemSample {
  /** Wall clock, ms since epoch. */
  at: number;
  cpuPercent: number;
  memoryUsedBytes: number;
  memoryTotalBytes: number;
  processRssBytes: number;
  netRxBytesPerSec: number;
  netTxBytesPerSec: number;
  diskReadBytesPerSec: number;
  diskWriteBytesPerSec: number;
  /** Loopback traffic, kept apart from netRx/netTx (on a single-host lab all traffic is loopback). */
  loopbackRxBytesPerSec?: number;
  loopbackTxBytesPerSec?: number;
  /** /proc files that could not be read; their fields are 0. Absent when all were read. */
  unavailable?: string[];
}

/** One stats interval of one worker (or merged over workers). Drained when read. */
export interface PeriodStats extends LatencyHistograms {
  /** Wall clock bounds of the period, ms since epoch. */
  startedAt: number;
  endedAt: number;
  messagesSent: number;
  bytesSent: number;
  messageSendErrors: number;
  errorsByType: Record<string, number>;
  messagesReceived: number;
  bytesReceived: number;
  /** Since load start; the coordinator derives the backlog from them. */
  totalMessagesSent: number;
  totalMessagesReceived: number;
  /**
   * Messages received in the period per subscription, keyed by subscriptionKey()
   * (stats-recorder.ts), so that one slow subscription is not hidden by a fast
   * one in the sum. Absent from workers older than it.
   */
  receivedBySubscription?: Record<string, number>;
  system: SystemSample[];
  /**
   * Latency values outside 0 µs .. 1 h (e.g. negative end-to-end latency from clock
   * skew), recorded clamped to the nearest bound. Absent when there were none.
   */
  latenciesOutOfRange?: Partial<Record<keyof LatencyHistograms, number>>;
}

/** Since the last reset (end of warmup). Not drained when read. */
export type CumulativeLatencies = LatencyHistograms;

export interface CountersStats {
  messagesSent: number;
  messageSendErrors: number;
  messagesReceived: number;
  /** Readiness probes received (never counted as messages). */
  probesReceived: number;
}

export interface ProducerReport {
  id: string;
  topic: string;
  /** Sequences 0 .. sent-1 were handed to the driver. */
  sent: number;
  acked: number;
  failed: number;
  failedSequences: EncodedSequenceSet;
  errorsByType: Record<string, number>;
}

export interface SubscriptionReport {
  subscription: string;
  topic: string;
  received: number;
  /** Receipts of a sequence already seen by this subscription. */
  duplicates: number;
  /** Producer id → sequences received. */
  receivedByProducer: Record<string, EncodedSequenceSet>;
}
