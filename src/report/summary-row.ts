// The figures of one saved result that reports compare. Latency percentiles
// are re-read from the encoded histograms when the file has them (omb results),
// and taken from Java OMB's aggregated fields otherwise (Java OMB's own files).
import { decodeHistogram } from "../stats/histogram";
import { latencyFigures } from "../result/latency";
import type { ResultFile } from "../result/reader";
import type { LatencyFigures } from "../result/types";

export interface SeriesStats {
  min: number;
  avg: number;
  stdDev: number;
  max: number;
}

export interface SummaryRow {
  file: string;
  testId: string;
  workload: string;
  driver: string;
  /** The client library the driver ran on (omb results only). */
  client?: string;
  status: string;
  messageSize: number;
  topics: number;
  partitions: number;
  producersPerTopic: number;
  consumersPerTopic: number;
  targetRate?: number;
  /** Over the real concurrent window when known, else the mean of the periods. */
  publishRate: number;
  consumeRate: number;
  publishMBps?: number;
  publishRateSeries: SeriesStats;
  consumeRateSeries: SeriesStats;
  publishLatency: LatencyFigures;
  publishDelay: LatencyFigures;
  endToEndLatency: LatencyFigures;
  intendedPublishLatency?: LatencyFigures;
  acked?: number;
  lost?: number;
  duplicated?: number;
  publishErrors?: number;
  /** Where the latency figures came from. */
  latencySource: "histograms" | "aggregated fields";
}

export function seriesStats(values: number[]): SeriesStats {
  if (!values.length) return { min: 0, avg: 0, stdDev: 0, max: 0 };
  const avg = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - avg) ** 2, 0) / values.length;
  return { min: Math.min(...values), avg, stdDev: Math.sqrt(variance), max: Math.max(...values) };
}

function javaAggregated(r: ResultFile, prefix: "PublishLatency" | "PublishDelayLatency" | "EndToEndLatency"): LatencyFigures {
  const get = (suffix: string) => Number((r as unknown as Record<string, unknown>)[`aggregated${prefix}${suffix}`] ?? 0);
  return {
    avg: get("Avg"),
    p50: get("50pct"),
    p75: get("75pct"),
    p95: get("95pct"),
    p99: get("99pct"),
    p999: get("999pct"),
    p9999: get("9999pct"),
    max: get("Max"),
    count: 0,
  };
}

export function summaryRow(result: ResultFile, file: string): SummaryRow {
  const omb = result.omb;
  const h = omb?.histograms;
  const fromHistogram = (encoded: string, unit: "ms" | "us") => latencyFigures(decodeHistogram(encoded), unit);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : 0);
  return {
    file,
    testId: omb?.testId ?? "",
    workload: result.workload,
    driver: result.driver,
    // Results written before there was a choice of client have none recorded.
    client: omb?.driverConfig?.client,
    status: omb?.status ?? "(Java OMB result)",
    messageSize: result.messageSize,
    topics: result.topics,
    partitions: result.partitions,
    producersPerTopic: result.producersPerTopic,
    consumersPerTopic: result.consumersPerTopic,
    targetRate: omb?.targetRate,
    publishRate: omb?.throughput.publishRate ?? mean(result.publishRate),
    consumeRate: omb?.throughput.consumeRate ?? mean(result.consumeRate),
    publishMBps: omb?.throughput.publishMBps,
    publishRateSeries: seriesStats(result.publishRate),
    consumeRateSeries: seriesStats(result.consumeRate),
    publishLatency: h ? fromHistogram(h.publishLatency, "ms") : javaAggregated(result, "PublishLatency"),
    publishDelay: h ? fromHistogram(h.publishDelay, "us") : javaAggregated(result, "PublishDelayLatency"),
    endToEndLatency: h ? fromHistogram(h.endToEndLatency, "ms") : javaAggregated(result, "EndToEndLatency"),
    intendedPublishLatency: h ? fromHistogram(h.intendedPublishLatency, "ms") : undefined,
    acked: omb?.reconciliation.acked,
    lost: omb?.reconciliation.lost,
    duplicated: omb?.reconciliation.duplicated,
    publishErrors: omb?.throughput.publishErrors,
    latencySource: h ? "histograms" : "aggregated fields",
  };
}
