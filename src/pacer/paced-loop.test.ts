// Real clock, ~5 s in total. Bounds on lateness are left to the benches
// (bench/pacer-floor.ts): a loaded 2-core host stalls any thread for tens of
// ms. What is asserted holds however late the host runs the loop: every
// message of the schedule, in order, never early, never a burst above the rate.
import { describe, expect, test } from "bun:test";
import { PacedLoop, type PacedLoopOptions } from "./paced-loop";

const MS = 1_000_000;
const WINDOW_NS = 100 * MS;

interface Run {
  startNs: number;
  /** Actual send times (ns, Bun.nanoseconds). */
  sent: number[];
  intended: number[];
  indexes: number[];
}

/**
 * Runs a loop until the first message due at or after `untilNs` after start
 * (not sent). `during` runs inside send() before each message, for rate changes and stalls.
 */
function runLoop(
  options: Omit<PacedLoopOptions, "send">,
  untilNs: number,
  during?: (run: Run, loop: PacedLoop, nowNs: number) => void,
): Promise<Run> {
  return new Promise((resolve) => {
    const run: Run = { startNs: 0, sent: [], intended: [], indexes: [] };
    const loop = new PacedLoop({
      ...options,
      send(index, intendedNs, nowNs) {
        if (intendedNs - run.startNs >= untilNs) {
          loop.stop();
          resolve(run);
          return false;
        }
        during?.(run, loop, nowNs);
        run.indexes.push(index);
        run.intended.push(intendedNs);
        run.sent.push(nowNs);
      },
    });
    run.startNs = Bun.nanoseconds();
    loop.start();
  });
}

/**
 * Sliding 100 ms windows starting at each send at or after `fromNs`: the most
 * sends in one window beyond rate·100 ms. Messages that were already due
 * before the window opened (the sender was late: sent ASAP, not skipped) are
 * not a burst above the rate; `raw` counts them too.
 */
function worstWindow(run: Run, rate: number, fromNs = 0): { excess: number; raw: number } {
  const allowed = rate * (WINDOW_NS / 1e9);
  let excess = Number.NEGATIVE_INFINITY;
  let raw = Number.NEGATIVE_INFINITY;
  let end = 0;
  let onTime = 0; // first index whose intended time is not before the window opens
  for (let i = 0; i < run.sent.length; i++) {
    const opens = run.sent[i]!;
    if (opens - run.startNs < fromNs) continue;
    end = Math.max(end, i);
    while (end < run.sent.length && run.sent[end]! < opens + WINDOW_NS) end++;
    // Intended times never decrease, so the late ones are a prefix of the window.
    onTime = Math.max(onTime, i);
    while (onTime < end && run.intended[onTime]! < opens) onTime++;
    excess = Math.max(excess, end - onTime - allowed);
    raw = Math.max(raw, end - i - allowed);
  }
  return { excess, raw };
}

/** A loop at 1,000 msg/s whose sends show that the shared clock keeps turning. */
function witnessLoop(): { next(count: number): Promise<void>; stop(): void } {
  let sends = 0;
  const loop = new PacedLoop({ rate: 1_000, send: () => void sends++ });
  loop.start();
  return {
    next: (count) => {
      const target = sends + count;
      return until(() => sends >= target);
    },
    stop: () => loop.stop(),
  };
}

/** Waits (polling each ms) until `condition` holds; fails after `timeoutMs`, generous for a loaded host. */
async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await Bun.sleep(1);
  }
}

function lateness(run: Run): { p99Us: number; maxUs: number } {
  const delays = run.sent.map((t, i) => (t - run.intended[i]!) / 1000).sort((a, b) => a - b);
  return { p99Us: delays[Math.floor(delays.length * 0.99)] ?? 0, maxUs: delays[delays.length - 1] ?? 0 };
}

describe("PacedLoop on the real clock", () => {
  test.each([1_000, 10_000, 100_000])(
    "%p msg/s for 1 s: every message of the schedule, never early, no 100 ms window above the rate by more than one message",
    async (rate) => {
      const duration = 1_000 * MS;
      const run = await runLoop({ rate }, duration);
      // Never early: every message went at or after its intended time.
      expect(run.sent.every((t, i) => t >= run.intended[i]!)).toBe(true);
      expect(run.indexes.every((index, i) => index === i)).toBe(true);
      const inWindow = run.sent.filter((t) => t - run.startNs < duration).length;
      const achieved = inWindow / (duration / 1e9);
      const worst = worstWindow(run, rate);
      const late = lateness(run);
      console.log(
        `${rate} msg/s: achieved ${achieved.toFixed(0)} msg/s; worst 100 ms window ${worst.excess.toFixed(1)} messages over the rate (${worst.raw.toFixed(0)} with late catch-up); lateness p99 ${late.p99Us.toFixed(0)} µs, max ${late.maxUs.toFixed(0)} µs`,
      );
      // The schedule itself: message k due at k / rate, all of them sent.
      expect(run.sent.length).toBe(rate);
      expect(run.intended.every((t, i) => Math.abs(t - run.startNs - (i * 1e9) / rate) < 2_000_000)).toBe(true);
      // Sent times: a host stall near the end pushes sends past the second; 5 % is a 50 ms stall.
      expect(Math.abs(achieved - rate) / rate).toBeLessThanOrEqual(0.05);
      expect(worst.excess).toBeLessThanOrEqual(1);
    },
  );

  test("a rate change re-anchors: a sender that is behind does not burst to catch up", async () => {
    let changedAt = 0;
    const run = await runLoop({ rate: 10_000 }, 700 * MS, (r, loop, now) => {
      if (changedAt === 0 && now - r.startNs >= 200 * MS) {
        // Stall 30 ms (300 messages behind), then lower the rate.
        const until = Bun.nanoseconds() + 30 * MS;
        while (Bun.nanoseconds() < until);
        loop.setRate(2_000);
        changedAt = Bun.nanoseconds() - r.startNs;
      }
    });
    // Before the change: about 10k msg/s. After: the backlog is dropped from the
    // schedule (not sent as a burst), and the new rate holds from the change on.
    const afterChange = run.sent.filter((t) => t - run.startNs > changedAt);
    const firstWindow = afterChange.filter((t) => t - run.startNs < changedAt + WINDOW_NS).length;
    console.log(`after the change: ${firstWindow} sends in the first 100 ms (rate 2000 → 200)`);
    expect(firstWindow).toBeLessThanOrEqual(201);
    expect(worstWindow(run, 2_000, changedAt).excess).toBeLessThanOrEqual(1);
    const seconds = (700 * MS - changedAt) / 1e9;
    expect(Math.abs(afterChange.length - 2_000 * seconds)).toBeLessThan(2_000 * seconds * 0.05 + 2);
  });

  test("two loops in one process share the clock: each keeps its own schedule", async () => {
    const [slow, fast] = await Promise.all([runLoop({ rate: 1_000 }, 500 * MS), runLoop({ rate: 7_000 }, 500 * MS)]);
    for (const [run, rate] of [
      [slow, 1_000],
      [fast, 7_000],
    ] as const) {
      expect(run.sent.length).toBe(rate / 2);
      expect(run.sent.every((t, i) => t >= run.intended[i]!)).toBe(true);
      expect(worstWindow(run, rate).excess).toBeLessThanOrEqual(1);
    }
  });

  test("bursty: bursts of N due at once, same average rate", async () => {
    const run = await runLoop({ rate: 10_000, pacing: { mode: "bursty", burstSize: 50 } }, 500 * MS);
    expect(run.sent.length).toBe(5_000);
    const burstStarts = new Set(run.intended);
    expect(burstStarts.size).toBe(100);
    expect(run.intended.every((t, i) => t === run.intended[i - (i % 50)])).toBe(true);
    expect(run.sent.every((t, i) => t >= run.intended[i]!)).toBe(true);
  });

  test("a bad rate is refused at once", () => {
    expect(() => new PacedLoop({ rate: -1, send() {} })).toThrow(RangeError);
    expect(() => new PacedLoop({ rate: 1, send() {} }).setRate(Number.NaN)).toThrow(RangeError);
  });

  test("raising the rate takes effect at once", async () => {
    let changed = false;
    const run = await runLoop({ rate: 1 }, 500 * MS, (r, loop) => {
      if (!changed) {
        changed = true;
        loop.setRate(5_000); // the next message was due in 1 s
      }
    });
    expect(run.sent.length).toBeGreaterThan(2_000);
  });

  test("rate 0 pauses until setRate; nothing is sent after stop", async () => {
    // "Nothing was sent" is judged against a witness loop on the same clock:
    // once it has sent 20 messages at 1,000 msg/s the clock has had many turns
    // in which the paused (or stopped) loop could have sent.
    const witness = witnessLoop();
    let sends = 0;
    const loop = new PacedLoop({ rate: 0, send: () => void sends++ });
    loop.start();
    await witness.next(20);
    expect(sends).toBe(0);
    loop.setRate(1_000);
    await until(() => sends >= 20);
    loop.stop();
    const stoppedAt = sends;
    await witness.next(20);
    witness.stop();
    expect(sends).toBe(stoppedAt);
  });

  test("start after stop continues the sequence", async () => {
    const indexes: number[] = [];
    const loop = new PacedLoop({ rate: 10_000, send: (index) => void indexes.push(index) });
    loop.start();
    await until(() => indexes.length >= 5);
    loop.stop();
    const before = indexes.length;
    loop.start();
    await until(() => indexes.length >= before + 5);
    loop.stop();
    expect(indexes).toEqual(indexes.map((_, i) => i));
  });

  test("a send that returns false is offered again with the same index and intended time", async () => {
    const offers: [number, number][] = [];
    let refusals = 3;
    await new Promise<void>((resolve) => {
      const loop = new PacedLoop({
        rate: 1_000,
        send(index, intendedNs) {
          offers.push([index, intendedNs]);
          if (index === 2 && refusals-- > 0) return false;
          if (index === 4) {
            loop.stop();
            resolve();
          }
        },
      });
      loop.start();
    });
    expect(offers.map(([index]) => index)).toEqual([0, 1, 2, 2, 2, 2, 3, 4]);
    expect(new Set(offers.filter(([index]) => index === 2).map(([, t]) => t)).size).toBe(1);
  });

  test("unlimited rate sends as fast as send() allows, maxPerTurn at a time", async () => {
    let turns = 0;
    let sends = 0;
    let inTurn = false;
    let unlimitedButScheduled = 0;
    const loop = new PacedLoop({
      rate: Number.POSITIVE_INFINITY,
      maxPerTurn: 100,
      send(_index, intendedNs, nowNs) {
        if (intendedNs !== nowNs) unlimitedButScheduled++;
        if (!inTurn) {
          inTurn = true;
          turns++;
          queueMicrotask(() => (inTurn = false));
        }
        sends++;
      },
    });
    loop.start();
    await until(() => sends > 10_000);
    loop.stop();
    expect(sends / turns).toBeLessThanOrEqual(100);
    expect(unlimitedButScheduled).toBe(0);
  });
});
