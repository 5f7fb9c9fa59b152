// Figures from one (merged) histogram of µs values, in the units Java OMB
// reports. Percentiles come only from histograms — never from averaging others.
import { type Histogram, summarizeHistogram } from "../stats/histogram";
import type { LatencyFigures, Quantiles } from "./types";

/** Java OMB reports latencies in ms and publish delay in µs. */
export type LatencyUnit = "ms" | "us";

const divisor = (unit: LatencyUnit) => (unit === "ms" ? 1000 : 1);

export function latencyFigures(h: Histogram, unit: LatencyUnit): LatencyFigures {
  const d = divisor(unit);
  const s = summarizeHistogram(h);
  return {
    avg: s.mean / d,
    p50: s.p50 / d,
    p75: s.p75 / d,
    p95: s.p95 / d,
    p99: s.p99 / d,
    p999: s.p999 / d,
    p9999: s.p9999 / d,
    max: s.max / d,
    count: s.count,
  };
}

/** Java's Double.toString for the percentile levels we produce ("50.0", "99.90234375"). */
export function javaDoubleKey(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

/** Levels never go further than this many steps (a bound on file size). */
const MAX_LEVELS = 4000;

/**
 * The percentile levels of HdrHistogram's PercentileIterator with `ticksPerHalf`
 * ticks per half distance to 100 % — what Java OMB's `percentiles(100)` walks —
 * each with the value at that level, until the maximum is reached, then 100.
 */
export function quantiles(h: Histogram, unit: LatencyUnit, ticksPerHalf = 100): Quantiles {
  const out: Quantiles = {};
  if (h.totalCount === 0) return out;
  const d = divisor(unit);
  const max = h.getValueAtPercentile(100);
  let level = 0;
  for (let i = 0; i < MAX_LEVELS && level < 100; i++) {
    const value = h.getValueAtPercentile(level);
    out[javaDoubleKey(level)] = value / d;
    if (value >= max) break;
    const ticks = ticksPerHalf * 2 ** (Math.floor(Math.log2(100 / (100 - level))) + 1);
    level += 100 / ticks;
  }
  out[javaDoubleKey(100)] = max / d;
  return out;
}
