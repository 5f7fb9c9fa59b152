import { describe, expect, test } from "bun:test";
import { dueOffsetNs, intervalNsFor, Limiter } from "./limiter";

const MS = 1_000_000;

/** vegeta's Pace, asked of the Limiter the paced loop runs: after `sent` messages, `elapsedNs` in, how long until the next is due. */
function waitAfter(elapsedNs: number, sent: number, intervalNs: number, burstSize: number): number {
  const pacing = burstSize > 1 ? ({ mode: "bursty", burstSize } as const) : ({ mode: "uniform" } as const);
  const limiter = new Limiter(1e9 / intervalNs, 0, pacing);
  for (let i = 0; i < sent; i++) limiter.advance();
  return Math.max(0, limiter.nextIntendedNs(elapsedNs) - elapsedNs);
}

describe("the schedule (pure, no clock)", () => {
  test.each([
    // elapsedNs, sent, intervalNs, burstSize → wait
    [0, 0, 1 * MS, 1, 0],
    [0, 1, 1 * MS, 1, 1 * MS],
    [0.4 * MS, 1, 1 * MS, 1, 0.6 * MS],
    [1 * MS, 1, 1 * MS, 1, 0],
    [5 * MS, 1, 1 * MS, 1, 0], // behind: due at once, never skipped
    [10 * MS, 10, 1 * MS, 1, 0],
    [9.99 * MS, 10, 1 * MS, 1, 0.01 * MS],
    // 3 msg/s: interval is exactly 1e9/3, not rounded
    [0, 3, 1e9 / 3, 1, 1e9],
    // bursty, 4 at once every 4 intervals
    [0, 1, 1 * MS, 4, 0],
    [0, 3, 1 * MS, 4, 0],
    [0, 4, 1 * MS, 4, 4 * MS],
    [3 * MS, 7, 1 * MS, 4, 1 * MS],
    [8 * MS, 8, 1 * MS, 4, 0],
  ])("elapsed %p ns, %p sent, interval %p ns, burst %p: next due in %p ns", (elapsed, sent, interval, burst, wait) => {
    expect(waitAfter(elapsed, sent, interval, burst)).toBeCloseTo(wait, 3);
  });

  test("bursty keeps the average rate: message k·N is due exactly when uniform would be", () => {
    for (const k of [0, 1, 7, 1000]) {
      expect(dueOffsetNs(k * 5, 2 * MS, 5)).toBe(dueOffsetNs(k * 5, 2 * MS, 1));
    }
  });

  test("rates: 0 pauses, Infinity is unlimited, negative or NaN rejected", () => {
    expect(intervalNsFor(1000)).toBe(MS);
    expect(intervalNsFor(0)).toBe(Number.POSITIVE_INFINITY);
    expect(intervalNsFor(Number.POSITIVE_INFINITY)).toBe(0);
    expect(() => intervalNsFor(-1)).toThrow(/publish rate/);
    expect(() => intervalNsFor(Number.NaN)).toThrow(/publish rate/);
  });
});

/** Takes `count` messages from the limiter, each at max(its due time, now). */
function drive(limiter: Limiter, count: number, now: number): number[] {
  const intended: number[] = [];
  for (let i = 0; i < count; i++) {
    intended.push(limiter.nextIntendedNs(now));
    limiter.advance();
  }
  return intended;
}

describe("Limiter", () => {
  test("absolute schedule from the start", () => {
    const limiter = new Limiter(1000, 5 * MS);
    expect(drive(limiter, 4, 0)).toEqual([5 * MS, 6 * MS, 7 * MS, 8 * MS]);
    expect(limiter.next).toBe(4);
  });

  test("a late sender keeps the schedule: intended times stay in the past (delay is visible)", () => {
    const limiter = new Limiter(1000, 0);
    // The sender stalls 10 ms, then takes what is due: all keep their original times.
    expect(drive(limiter, 11, 10 * MS)).toEqual(Array.from({ length: 11 }, (_, i) => i * MS));
    expect(limiter.nextIntendedNs(10 * MS)).toBe(11 * MS);
  });

  test("unlimited: due now; paused: never", () => {
    expect(new Limiter(Number.POSITIVE_INFINITY, 0).nextIntendedNs(123)).toBe(123);
    expect(new Limiter(0, 0).nextIntendedNs(123)).toBe(Number.POSITIVE_INFINITY);
  });

  test.each([
    // 1000 msg/s from startNs, `sent` messages taken, rate change at t = 10 ms
    ["behind: starts afresh now, no catch-up burst", 0, 1, 2000, [10 * MS, 10.5 * MS, 11 * MS]],
    ["ahead, within one new interval: keeps its place", 0.2 * MS, 10, 2000, [10.2 * MS, 10.7 * MS, 11.2 * MS]],
    ["slower rate: keeps its place, then the new interval", 0.2 * MS, 10, 100, [10.2 * MS, 20.2 * MS, 30.2 * MS]],
  ] as const)("setRate, %s", (_name, startNs, sent, newRate, expected) => {
    const changeAt = 10 * MS;
    const limiter = new Limiter(1000, startNs);
    drive(limiter, sent, changeAt);
    limiter.setRate(newRate, changeAt);
    expect(drive(limiter, 3, changeAt).map((t) => Math.round(t))).toEqual(expected.map((t) => Math.round(t)));
  });

  test("setRate from a slow rate to a fast one moves the next message up", () => {
    const limiter = new Limiter(1, 0); // next due at 1 s
    drive(limiter, 1, 0);
    limiter.setRate(1000, 100 * MS);
    expect(drive(limiter, 2, 100 * MS)).toEqual([101 * MS, 102 * MS]);
  });

  test("pausing and resuming: resumes now", () => {
    const limiter = new Limiter(1000, 0);
    drive(limiter, 5, 4 * MS);
    limiter.setRate(0, 5 * MS);
    expect(limiter.nextIntendedNs(50 * MS)).toBe(Number.POSITIVE_INFINITY);
    limiter.setRate(1000, 50 * MS);
    expect(drive(limiter, 2, 50 * MS)).toEqual([50 * MS, 51 * MS]);
  });

  test("bursty segments restart their bursts at a rate change", () => {
    const limiter = new Limiter(1000, 0, { mode: "bursty", burstSize: 3 });
    expect(drive(limiter, 6, 0)).toEqual([0, 0, 0, 3 * MS, 3 * MS, 3 * MS]);
    limiter.setRate(500, 6 * MS); // next burst was due at 6 ms: keeps it
    expect(drive(limiter, 6, 6 * MS)).toEqual([6 * MS, 6 * MS, 6 * MS, 12 * MS, 12 * MS, 12 * MS]);
  });
});
