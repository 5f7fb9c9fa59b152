import { describe, expect, test } from "bun:test";
import {
  createHistogram,
  decodeHistogram,
  encodeHistogram,
  HIGHEST_US,
  mergeEncodedHistograms,
  mergeHistograms,
  summarizeHistogram,
} from "./histogram";
import { LatencyRecorder } from "./latency-recorder";

/** Deterministic values spread over every magnitude from 0 µs to 1 h. */
function spreadValues(n: number, seed = 1): number[] {
  let x = seed;
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    const magnitude = x % 33; // 2^0 .. 2^32
    values.push(Math.min(HIGHEST_US, Math.floor((x / 2 ** 32) * 2 ** magnitude)));
  }
  return values;
}

const PERCENTILES = [0, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 99.99, 99.999, 100];

function percentiles(h: ReturnType<typeof createHistogram>): number[] {
  return PERCENTILES.map((p) => h.getValueAtPercentile(p));
}

describe("histogram", () => {
  test("encode → decode → add keeps counts and percentiles exactly", () => {
    const parts = [spreadValues(20_000, 1), spreadValues(30_000, 2), spreadValues(5, 3)];
    const direct = createHistogram();
    const encoded = parts.map((values) => {
      const h = createHistogram();
      for (const value of values) {
        h.recordValue(value);
        direct.recordValue(value);
      }
      const decoded = decodeHistogram(encodeHistogram(h));
      expect(decoded.totalCount).toBe(values.length);
      expect(percentiles(decoded)).toEqual(percentiles(h));
      return encodeHistogram(h);
    });
    const merged = mergeHistograms(encoded);
    expect(merged.totalCount).toBe(50_005);
    expect(percentiles(merged)).toEqual(percentiles(direct));
    expect(summarizeHistogram(merged)).toEqual(summarizeHistogram(direct));
    // Merging an already merged histogram again changes nothing.
    expect(percentiles(decodeHistogram(mergeEncodedHistograms([encodeHistogram(merged)])))).toEqual(
      percentiles(direct),
    );
  });

  test("counts above 2^32 in one bucket survive encoding and merging", () => {
    const h = createHistogram();
    h.recordValueWithCount(5000, 2 ** 40 + 3);
    const merged = mergeHistograms([encodeHistogram(h), encodeHistogram(h)]);
    expect(merged.totalCount).toBe(2 * (2 ** 40 + 3));
  });

  test("an empty histogram summarizes to zeros and merges", () => {
    const empty = encodeHistogram(createHistogram());
    expect(summarizeHistogram(decodeHistogram(empty))).toEqual({
      count: 0, mean: 0, p50: 0, p75: 0, p95: 0, p99: 0, p999: 0, p9999: 0, max: 0,
    });
    expect(mergeHistograms([empty, empty]).totalCount).toBe(0);
  });

  test("decoding garbage throws an error that says what it expected", () => {
    expect(() => decodeHistogram("")).toThrow(/encoded histogram/);
    expect(() => decodeHistogram("bm90IGEgaGlzdG9ncmFt")).toThrow(/not an encoded histogram/);
  });

  test("summary values are those of hdr percentiles", () => {
    const h = createHistogram();
    for (let v = 1; v <= 1000; v++) h.recordValue(v * 1000);
    const s = summarizeHistogram(h);
    expect(s.count).toBe(1000);
    expect(s.p50).toBe(h.getValueAtPercentile(50));
    expect(s.p99).toBeGreaterThanOrEqual(990_000);
    expect(s.p99).toBeLessThan(991_000);
    expect(s.max).toBeGreaterThanOrEqual(1_000_000);
    expect(s.max).toBeLessThan(1_001_000);
    expect(s.mean).toBeCloseTo(500_500, -3);
  });
});

describe("LatencyRecorder", () => {
  test("files every value in the same bucket as hdr recordValue", () => {
    const values = spreadValues(100_000, 7);
    for (let v = 0; v < 5000; v++) values.push(v);
    for (let k = 11; k <= 31; k++) values.push(2 ** k - 1, 2 ** k, 2 ** k + 1, 2 ** k + 0.5);
    values.push(HIGHEST_US, HIGHEST_US - 1, 12.9);
    const direct = createHistogram();
    const recorder = new LatencyRecorder();
    for (const value of values) {
      direct.recordValue(Math.min(Math.floor(value), HIGHEST_US));
      recorder.record(value);
    }
    const viaRecorder = decodeHistogram(recorder.encode());
    expect(viaRecorder.totalCount).toBe(values.length);
    expect(recorder.outOfRange).toBe(0);
    // Same counts per bucket: every percentile and the mean agree exactly.
    const fine = Array.from({ length: 1001 }, (_, i) => i / 10);
    expect(fine.map((p) => viaRecorder.getValueAtPercentile(p))).toEqual(
      fine.map((p) => direct.getValueAtPercentile(p)),
    );
    expect(viaRecorder.mean).toBe(direct.mean);
    // And the very bytes hdr-histogram-js writes for the same histogram.
    expect(recorder.encode()).toBe(encodeHistogram(direct));
  });

  test("encodes an empty recorder, and counts beyond 2^32, as hdr-histogram-js does", () => {
    expect(new LatencyRecorder().encode()).toBe(encodeHistogram(createHistogram()));
    const recorder = new LatencyRecorder();
    recorder.record(3);
    for (let i = 0; i < 40; i++) recorder.add(recorder); // 2^40 values of 3
    recorder.record(70_000);
    const decoded = decodeHistogram(recorder.encode());
    expect(decoded.totalCount).toBe(2 ** 40 + 1);
    expect(decoded.getValueAtPercentile(50)).toBe(3);
    expect(Math.round(decoded.maxValue / 100)).toBe(700); // 70,000 within its bucket
  });

  test("clamps and counts values out of range instead of throwing", () => {
    const recorder = new LatencyRecorder();
    recorder.record(-5);
    recorder.record(Number.NaN);
    recorder.record(HIGHEST_US * 2);
    recorder.record(Number.POSITIVE_INFINITY);
    recorder.record(10);
    expect(recorder.outOfRange).toBe(4);
    const h = decodeHistogram(recorder.encode());
    expect(h.totalCount).toBe(5);
    expect(h.getValueAtPercentile(40)).toBe(0);
    expect(h.getValueAtPercentile(100)).toBeGreaterThanOrEqual(HIGHEST_US);
  });

  test("add and reset", () => {
    const a = new LatencyRecorder();
    const b = new LatencyRecorder();
    a.record(100);
    b.record(200);
    b.record(-1);
    a.add(b);
    expect(a.count).toBe(3);
    expect(a.outOfRange).toBe(1);
    expect(decodeHistogram(a.encode(b)).totalCount).toBe(5);
    a.reset();
    expect(a.count).toBe(0);
    expect(decodeHistogram(a.encode()).totalCount).toBe(0);
  });
});
