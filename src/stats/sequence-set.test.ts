import { describe, expect, test } from "bun:test";
import { MAX_SEQUENCE, SequenceSet } from "./sequence-set";

function setOf(sequences: Iterable<number>): SequenceSet {
  const set = new SequenceSet();
  for (const s of sequences) set.add(s);
  return set;
}

function* every(k: number, from: number, to: number) {
  for (let s = from; s < to; s += k) yield s;
}

describe("SequenceSet", () => {
  test("add reports new vs duplicate and counts distinct sequences", () => {
    const set = new SequenceSet();
    expect(set.add(0)).toBe(true);
    expect(set.add(65_535)).toBe(true);
    expect(set.add(65_536)).toBe(true);
    expect(set.add(0)).toBe(false);
    expect(set.add(2 ** 40 + 3)).toBe(true);
    expect(set.count).toBe(4);
    expect(set.has(65_536)).toBe(true);
    expect(set.has(65_537)).toBe(false);
    expect(set.has(2 ** 40 + 3)).toBe(true);
  });

  test("rejects sequences that are not integers in range", () => {
    const set = new SequenceSet();
    for (const bad of [-1, 1.5, Number.NaN, MAX_SEQUENCE + 1, Number.POSITIVE_INFINITY]) {
      expect(() => set.add(bad)).toThrow(RangeError);
    }
    expect(set.count).toBe(0);
  });

  test("consumers of one subscription each see every k-th sequence; union gives all and counts overlap", () => {
    const n = 300_000;
    const consumers = [0, 1, 2].map((c) => setOf(every(3, c, n)));
    // One message delivered twice, to two consumers (e.g. after a rebalance).
    consumers[0]!.add(4);
    const all = new SequenceSet();
    const overlaps = consumers.map((c) => all.union(SequenceSet.decode(c.encode())));
    expect(overlaps).toEqual([0, 1, 0]);
    expect(all.count).toBe(n);
    expect(all.countMissing(n)).toBe(0);
  });

  test("countMissing counts [0, n) absent from both sets, with partial words and chunks", () => {
    const lost = new Set([5, 31, 32, 65_535, 65_536, 199_999]);
    const partial = setOf([...every(1, 0, 200_000)].filter((s) => !lost.has(s)));
    expect(partial.countMissing(200_000)).toBe(6);
    const failed = setOf([31, 65_536]);
    expect(partial.countMissing(200_000, failed)).toBe(4);
    expect(partial.countMissing(33)).toBe(3);
    expect(partial.countMissing(0)).toBe(0);
    expect(new SequenceSet().countMissing(70_001)).toBe(70_001);
    expect(new SequenceSet().countMissing(70_001, failed)).toBe(69_999);
    expect(partial.countMissing(250_000)).toBe(50_006);
  });

  test("encode → decode preserves the set; long runs encode small", () => {
    const dense = setOf(every(1, 0, 10_000_000));
    const encoded = dense.encode();
    expect(encoded.length).toBeLessThan(40_000);
    const decoded = SequenceSet.decode(encoded);
    expect(decoded.count).toBe(10_000_000);
    expect(decoded.countMissing(10_000_001)).toBe(1);

    const sparse = setOf([7, 123_456_789, 2 ** 45]);
    const back = SequenceSet.decode(sparse.encode());
    expect(back.count).toBe(3);
    expect([7, 123_456_789, 2 ** 45, 8].map((s) => back.has(s))).toEqual([true, true, true, false]);
    expect(SequenceSet.decode(new SequenceSet().encode()).count).toBe(0);
  });

  test("decoding garbage throws a clear error", () => {
    expect(() => SequenceSet.decode("not base64 deflate")).toThrow(/not an encoded sequence set/);
    const wrongMagic = Buffer.from(Bun.deflateSync(new Uint8Array([1, 2, 3, 4]))).toString("base64");
    expect(() => SequenceSet.decode(wrongMagic)).toThrow(/not an encoded sequence set/);
  });
});
