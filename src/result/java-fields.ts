// Java OMB's TestResult fields from the measured periods and the merged
// cumulative histograms, in Java OMB's units (ms for latencies, µs for delay,
// delay percentiles as whole µs).
import type { Workload } from "../config/types";
import { decodeHistogram } from "../stats/histogram";
import type { CumulativeLatencies } from "../stats/types";
import { latencyFigures, quantiles } from "./latency";
import type { PeriodFigures } from "./period";
import type { JavaTestResult, LatencyFigures } from "./types";

type Series = "publishLatency" | "publishDelayLatency" | "endToEndLatency";

function seriesFields(prefix: Series, figures: LatencyFigures[], round: boolean) {
  const r = (v: number) => (round ? Math.round(v) : v);
  return {
    [`${prefix}Avg`]: figures.map((f) => f.avg),
    [`${prefix}50pct`]: figures.map((f) => r(f.p50)),
    [`${prefix}75pct`]: figures.map((f) => r(f.p75)),
    [`${prefix}95pct`]: figures.map((f) => r(f.p95)),
    [`${prefix}99pct`]: figures.map((f) => r(f.p99)),
    [`${prefix}999pct`]: figures.map((f) => r(f.p999)),
    [`${prefix}9999pct`]: figures.map((f) => r(f.p9999)),
    [`${prefix}Max`]: figures.map((f) => r(f.max)),
  };
}

function aggregatedFields(prefix: string, f: LatencyFigures, round: boolean) {
  const r = (v: number) => (round ? Math.round(v) : v);
  return {
    [`aggregated${prefix}Avg`]: f.avg,
    [`aggregated${prefix}50pct`]: r(f.p50),
    [`aggregated${prefix}75pct`]: r(f.p75),
    [`aggregated${prefix}95pct`]: r(f.p95),
    [`aggregated${prefix}99pct`]: r(f.p99),
    [`aggregated${prefix}999pct`]: r(f.p999),
    [`aggregated${prefix}9999pct`]: r(f.p9999),
    [`aggregated${prefix}Max`]: r(f.max),
  };
}

export interface JavaFieldsInput {
  workload: Workload;
  driverName: string;
  /** Measured periods only. */
  periods: PeriodFigures[];
  cumulative: CumulativeLatencies;
}

export function javaFields({ workload, driverName, periods, cumulative }: JavaFieldsInput): JavaTestResult {
  const publish = decodeHistogram(cumulative.publishLatency);
  const delay = decodeHistogram(cumulative.publishDelay);
  const e2e = decodeHistogram(cumulative.endToEndLatency);
  return {
    workload: workload.name,
    driver: driverName,
    messageSize: workload.messageSize,
    topics: workload.topics,
    partitions: workload.partitionsPerTopic,
    producersPerTopic: workload.producersPerTopic,
    consumersPerTopic: workload.consumerPerSubscription,
    publishRate: periods.map((p) => p.publishRate),
    publishErrorRate: periods.map((p) => p.publishErrorRate),
    consumeRate: periods.map((p) => p.consumeRate),
    backlog: periods.map((p) => p.backlog),
    ...seriesFields("publishLatency", periods.map((p) => p.publishLatency), false),
    ...seriesFields("publishDelayLatency", periods.map((p) => p.publishDelay), true),
    ...seriesFields("endToEndLatency", periods.map((p) => p.endToEndLatency), false),
    ...aggregatedFields("PublishLatency", latencyFigures(publish, "ms"), false),
    ...aggregatedFields("PublishDelayLatency", latencyFigures(delay, "us"), true),
    ...aggregatedFields("EndToEndLatency", latencyFigures(e2e, "ms"), false),
    aggregatedPublishLatencyQuantiles: quantiles(publish, "ms"),
    aggregatedPublishDelayLatencyQuantiles: quantiles(delay, "us"),
    aggregatedEndToEndLatencyQuantiles: quantiles(e2e, "ms"),
  } as JavaTestResult;
}
