// CSV summary, one row per result: Java OMB's ResultsToCsv columns first (same
// names, same order), then omb's: aggregated latencies, throughput over the
// concurrent window, reconciliation.
import type { ResultFile } from "../result/reader";
import { type SummaryRow, summaryRow } from "./summary-row";

const COLUMNS: [string, (r: SummaryRow) => string | number | undefined][] = [
  ["topics", (r) => r.topics],
  ["partitions", (r) => r.partitions],
  ["message-size", (r) => r.messageSize],
  ["producers-per-topic", (r) => r.producersPerTopic],
  ["consumers-per-topic", (r) => r.consumersPerTopic],
  ["prod-rate-min", (r) => round(r.publishRateSeries.min, 0)],
  ["prod-rate-avg", (r) => round(r.publishRateSeries.avg, 0)],
  ["prod-rate-std-dev", (r) => round(r.publishRateSeries.stdDev, 2)],
  ["prod-rate-max", (r) => round(r.publishRateSeries.max, 0)],
  ["con-rate-min", (r) => round(r.consumeRateSeries.min, 0)],
  ["con-rate-avg", (r) => round(r.consumeRateSeries.avg, 0)],
  ["con-rate-std-dev", (r) => round(r.consumeRateSeries.stdDev, 2)],
  ["con-rate-max", (r) => round(r.consumeRateSeries.max, 0)],
  ["file", (r) => r.file],
  ["test-id", (r) => r.testId],
  ["workload", (r) => r.workload],
  ["driver", (r) => r.driver],
  ["client", (r) => r.client],
  ["status", (r) => r.status],
  ["target-rate", (r) => r.targetRate],
  ["publish-rate", (r) => round(r.publishRate, 1)],
  ["consume-rate", (r) => round(r.consumeRate, 1)],
  ["publish-mb-s", (r) => round(r.publishMBps, 3)],
  ["pub-latency-avg-ms", (r) => round(r.publishLatency.avg, 3)],
  ["pub-latency-50pct-ms", (r) => round(r.publishLatency.p50, 3)],
  ["pub-latency-99pct-ms", (r) => round(r.publishLatency.p99, 3)],
  ["pub-latency-999pct-ms", (r) => round(r.publishLatency.p999, 3)],
  ["pub-latency-max-ms", (r) => round(r.publishLatency.max, 3)],
  ["intended-pub-latency-99pct-ms", (r) => round(r.intendedPublishLatency?.p99, 3)],
  ["pub-delay-99pct-us", (r) => round(r.publishDelay.p99, 0)],
  ["e2e-latency-avg-ms", (r) => round(r.endToEndLatency.avg, 3)],
  ["e2e-latency-50pct-ms", (r) => round(r.endToEndLatency.p50, 3)],
  ["e2e-latency-99pct-ms", (r) => round(r.endToEndLatency.p99, 3)],
  ["e2e-latency-999pct-ms", (r) => round(r.endToEndLatency.p999, 3)],
  ["e2e-latency-max-ms", (r) => round(r.endToEndLatency.max, 3)],
  ["acked", (r) => r.acked],
  ["lost", (r) => r.lost],
  ["duplicated", (r) => r.duplicated],
  ["publish-errors", (r) => r.publishErrors],
];

function round(value: number | undefined, digits: number): number | undefined {
  return value === undefined ? undefined : Number(value.toFixed(digits));
}

function cell(value: string | number | undefined): string {
  if (value === undefined) return "";
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvFromRows(rows: SummaryRow[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(",")];
  for (const row of rows) lines.push(COLUMNS.map(([, get]) => cell(get(row))).join(","));
  return `${lines.join("\n")}\n`;
}

export function summaryCsv(results: { result: ResultFile; file: string }[]): string {
  return csvFromRows(results.map(({ result, file }) => summaryRow(result, file)));
}
