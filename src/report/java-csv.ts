// Java OMB's own CSV (`bin/benchmark -c DIR`): one line per result, sorted by
// message size, topics, partitions; the publish and consume rates summarised
// through a coarse HdrHistogram (values to 10M msg/s, one significant digit,
// each rate counted twice), as Java OMB does, so the figures match its tool's.
import * as hdr from "hdr-histogram-js";
import type { JavaTestResult } from "../result/types";

/** Java's header, trailing comma included. */
const HEADER =
  "topics,partitions,message-size,producers-per-topic,consumers-per-topic," +
  "prod-rate-min,prod-rate-avg,prod-rate-std-dev,prod-rate-max," +
  "con-rate-min,con-rate-avg,con-rate-std-dev,con-rate-max,";

/** What Java prints as the minimum of an empty histogram (Long.MAX_VALUE). */
const JAVA_LONG_MAX = "9223372036854775807";

export function javaResultsCsv(results: readonly JavaTestResult[]): string {
  const sorted = [...results].sort((a, b) => a.messageSize - b.messageSize || a.topics - b.topics || a.partitions - b.partitions);
  return `${[HEADER, ...sorted.map(line)].join("\n")}\n`;
}

/** Java OMB's file name for it: `results-<epoch seconds>.csv`. */
export function javaCsvFileName(at: Date): string {
  return `results-${Math.floor(at.getTime() / 1000)}.csv`;
}

function line(r: JavaTestResult): string {
  const counts = [r.topics, r.partitions, r.messageSize, r.producersPerTopic, r.consumersPerTopic].map((n) => javaNumber(n, 0));
  return [...counts, ...rateStats(r.publishRate), ...rateStats(r.consumeRate)].join(",");
}

function rateStats(rates: readonly number[]): string[] {
  // Java's `new Histogram(10000000, 1)`: 64-bit counts, values to 10M, one significant digit.
  const h = new hdr.Float64Histogram(1, 10_000_000, 1);
  h.autoResize = true;
  // Java records rate.longValue(): truncated toward zero.
  for (const rate of rates) h.recordValueWithCount(Math.max(0, Math.trunc(rate)), 2);
  const min = h.totalCount === 0 || h.minNonZeroValue === Number.MAX_SAFE_INTEGER ? JAVA_LONG_MAX : javaNumber(h.lowestEquivalentValue(h.minNonZeroValue), 0);
  const max = h.maxValue === 0 ? 0 : h.highestEquivalentValue(h.maxValue);
  const stats = [min, javaNumber(h.mean, 0), javaNumber(h.stdDeviation, 2), javaNumber(max, 0)];
  return stats;
}

/** java.text.DecimalFormat with "#" or "#.##": half-even rounding, no trailing zeros, no grouping. */
export function javaNumber(value: number, decimals: number): string {
  const scale = 10 ** decimals;
  const scaled = value * scale;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  const EPS = 1e-9;
  const rounded = diff > 0.5 + EPS ? floor + 1 : diff < 0.5 - EPS ? floor : floor % 2 === 0 ? floor : floor + 1;
  const text = String(rounded / scale);
  return text === "-0" ? "0" : text;
}
