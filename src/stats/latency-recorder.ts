// The hot-path side of a latency histogram. hdr-histogram-js's recordValue costs
// ~80-100 ns (log2, pow, floor per value); a producer sending 2M msg/s records
// three latencies per message, so values go into a flat count array laid out
// exactly like hdr's buckets for our range (1 µs .. 1 h, 3 digits), indexed with
// clz32, and are encoded in hdr's form straight from that array when read.
import { encodeCounts } from "./hdr-encoding";
import { HIGHEST_US } from "./histogram";
import type { EncodedHistogram } from "./types";

/** hdr layout for 3 significant digits: 2048 sub-buckets, the upper 1024 per power of two. */
const SUB_BUCKET_HALF_MAGNITUDE = 10;
/** 3.6e9 < 2^32, so 22 buckets; (22 + 1) × 1024 slots, as hdr allocates. */
const COUNTS_LENGTH = 23 * 1024;

export class LatencyRecorder {
  private readonly counts = new Float64Array(COUNTS_LENGTH);
  /** Values recorded since the last reset. */
  count = 0;
  /** Values outside 0 .. 1 h (or NaN), recorded clamped to the nearest bound. */
  outOfRange = 0;

  /** Records one value in µs; fractions are truncated, out-of-range values clamped and counted. */
  record(valueUs: number): void {
    let value = valueUs;
    if (!(value >= 0)) {
      this.outOfRange++;
      value = 0;
    } else if (value > HIGHEST_US) {
      this.outOfRange++;
      value = HIGHEST_US;
    }
    // floor(log2 v) − 10 for v >= 2048, else bucket 0; `>>>` works because v < 2^32.
    const bucket = value < 2048 ? 0 : 21 - Math.clz32(value);
    this.counts[(bucket << SUB_BUCKET_HALF_MAGNITUDE) + (value >>> bucket)]!++;
    this.count++;
  }

  /** Adds every value of `other` to this one. */
  add(other: LatencyRecorder): void {
    const mine = this.counts;
    const theirs = other.counts;
    for (let i = 0; i < COUNTS_LENGTH; i++) mine[i]! += theirs[i]!;
    this.count += other.count;
    this.outOfRange += other.outOfRange;
  }

  reset(): void {
    this.counts.fill(0);
    this.count = 0;
    this.outOfRange = 0;
  }

  /** These values (and those of `extra`, if given) as an encoded hdr histogram. */
  encode(extra?: LatencyRecorder): EncodedHistogram {
    return encodeCounts(this.counts, extra?.counts);
  }
}
