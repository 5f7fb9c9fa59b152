// Latency histograms as they travel and merge: hdr-histogram-js (pure JS), µs,
// 1 µs .. 1 h, 3 significant digits, encoded as compressed base64. Percentiles
// are only ever read from a histogram (merged when several processes measured),
// never averaged. The hot path records into LatencyRecorder, not into these.
import * as hdr from "hdr-histogram-js";
import type { Histogram } from "hdr-histogram-js";
import type { EncodedHistogram } from "./types";

export type { Histogram };

export const LOWEST_US = 1;
/** One hour in µs. */
export const HIGHEST_US = 3_600_000_000;
export const SIGNIFICANT_DIGITS = 3;
/**
 * 64-bit (float) counts: a merged histogram of a long run can hold more than
 * 2^32 values in one bucket, and decoding with 32-bit counts truncates silently.
 */
const BIT_BUCKET_SIZE = 64;

export function createHistogram(): Histogram {
  return hdr.build({
    bitBucketSize: BIT_BUCKET_SIZE,
    lowestDiscernibleValue: LOWEST_US,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: SIGNIFICANT_DIGITS,
    autoResize: false,
  });
}

export function encodeHistogram(histogram: Histogram): EncodedHistogram {
  return hdr.encodeIntoCompressedBase64(histogram);
}

/** Throws an Error naming what is wrong when the text is not an encoded histogram. */
export function decodeHistogram(encoded: EncodedHistogram): Histogram {
  if (typeof encoded !== "string" || encoded.length === 0) {
    throw new Error("not an encoded histogram: expected a non-empty compressed base64 string");
  }
  try {
    return hdr.decodeFromCompressedBase64(encoded, BIT_BUCKET_SIZE);
  } catch (error) {
    throw new Error(`not an encoded histogram (${(error as Error).message}): "${encoded.slice(0, 40)}…"`);
  }
}

/** One histogram holding every value of all the encoded ones. */
export function mergeHistograms(encoded: readonly EncodedHistogram[]): Histogram {
  const merged = createHistogram();
  for (const one of encoded) merged.add(decodeHistogram(one));
  return merged;
}

export function mergeEncodedHistograms(encoded: readonly EncodedHistogram[]): EncodedHistogram {
  return encodeHistogram(mergeHistograms(encoded));
}

/** Java OMB's latency columns, in µs; all 0 for an empty histogram. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p75: number;
  p95: number;
  p99: number;
  p999: number;
  p9999: number;
  /** Highest value equivalent to the largest recorded one (as HdrHistogram reports it). */
  max: number;
}

export function summarizeHistogram(histogram: Histogram): LatencySummary {
  if (histogram.totalCount === 0) {
    return { count: 0, mean: 0, p50: 0, p75: 0, p95: 0, p99: 0, p999: 0, p9999: 0, max: 0 };
  }
  const at = (percentile: number) => histogram.getValueAtPercentile(percentile);
  return {
    count: histogram.totalCount,
    mean: histogram.mean,
    p50: at(50),
    p75: at(75),
    p95: at(95),
    p99: at(99),
    p999: at(99.9),
    p9999: at(99.99),
    // getValueAtPercentile(100) is the same before and after an encode/decode round trip; maxValue is not.
    max: at(100),
  };
}
