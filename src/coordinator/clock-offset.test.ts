import { expect, test } from "bun:test";
import { clockOffsets, estimateOffset, sampleClock } from "./clock-offset";

/** A fake pair of clocks: the worker's runs `offset` ms ahead; each round trip takes the given one-way delays. */
function fakeNetwork(offset: number, trips: [number, number][]) {
  let t = 1_000_000;
  let i = 0;
  const now = () => t;
  const ask = async () => {
    const [out, back] = trips[i++ % trips.length]!;
    t += out;
    const workerAt = t + offset;
    t += back;
    return workerAt;
  };
  return { now, ask };
}

test("the minimum round trip wins: offset within ± half its round trip, asymmetric delays and all", async () => {
  const { now, ask } = fakeNetwork(250, [[40, 5], [1, 1], [3, 30], [10, 10], [0.5, 2.5]]);
  const samples = await sampleClock(ask, now, 5);
  expect(samples).toHaveLength(5);
  const e = estimateOffset(samples)!;
  expect(e.uncertaintyMs).toBe(1); // the 1 + 1 ms round trip
  expect(e.offsetMs).toBe(250);
  expect(Math.abs(e.offsetMs - 250)).toBeLessThanOrEqual(e.uncertaintyMs);
});

test("an asymmetric best sample is off by at most half its round trip", async () => {
  const { now, ask } = fakeNetwork(-80, [[0.5, 2.5]]);
  const e = estimateOffset(await sampleClock(ask, now, 3))!;
  expect(e.uncertaintyMs).toBe(1.5);
  expect(e.offsetMs).toBe(-81);
  expect(Math.abs(e.offsetMs - -80)).toBeLessThanOrEqual(e.uncertaintyMs);
});

test("failed round trips are skipped; no sample, no estimate", async () => {
  let n = 0;
  const samples = await sampleClock(async () => (n++ % 2 ? undefined : 5), () => 0, 4);
  expect(samples).toHaveLength(2);
  expect(estimateOffset([])).toBeUndefined();
});

test("per worker: start and end together, and the drift between them", () => {
  const s = (sentAt: number, workerAt: number, receivedAt: number) => ({ sentAt, workerAt, receivedAt });
  const offsets = clockOffsets(new Map([["w0", [s(0, 11, 2)]], ["w1", [s(0, 1, 2)]]]), new Map([["w0", [s(100, 114, 102)]]]));
  expect(offsets).toEqual([
    { worker: "w0", offsetMs: 10, uncertaintyMs: 1, samples: 2, driftMs: 3 },
    { worker: "w1", offsetMs: 0, uncertaintyMs: 1, samples: 1 },
  ]);
});
