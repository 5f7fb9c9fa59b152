import { describe, expect, test } from "bun:test";
import { decodeHistogram, summarizeHistogram } from "./histogram";
import { mergeCumulativeLatencies, mergePeriodStats } from "./merge";
import { StatsRecorder } from "./stats-recorder";

function clock(start: number) {
  let now = start;
  return { now: () => now, set: (t: number) => void (now = t) };
}

const count = (encoded: string) => decodeHistogram(encoded).totalCount;

describe("StatsRecorder", () => {
  test("a drained period holds what happened since the last drain", async () => {
    const c = clock(1000);
    const r = new StatsRecorder(c.now);
    for (let i = 0; i < 10; i++) r.recordSend();
    for (let i = 0; i < 8; i++) r.recordAck(100, 2000 + i, 5, 2005 + i);
    r.recordSendError("timeout");
    r.recordSendError("timeout");
    r.recordSendError("NOT_LEADER_OR_FOLLOWER");
    r.recordReceive(100, 3000, "t/s");
    r.recordReceive(100, -40, "t/s"); // clock skew: clamped to 0 and counted
    r.recordReceive(100, 3000, "t/other");
    r.recordProbe();
    c.set(2000);
    const p = await r.drainPeriod();
    expect(p).toMatchObject({
      startedAt: 1000,
      endedAt: 2000,
      messagesSent: 8,
      bytesSent: 800,
      messageSendErrors: 3,
      errorsByType: { timeout: 2, NOT_LEADER_OR_FOLLOWER: 1 },
      messagesReceived: 3,
      bytesReceived: 300,
      receivedBySubscription: { "t/s": 2, "t/other": 1 },
      totalMessagesSent: 10,
      totalMessagesReceived: 3,
      latenciesOutOfRange: { endToEndLatency: 1 },
    });
    expect(count(p.publishLatency)).toBe(8);
    expect(count(p.publishDelay)).toBe(8);
    expect(count(p.intendedPublishLatency)).toBe(8);
    expect(count(p.endToEndLatency)).toBe(3);
    expect(summarizeHistogram(decodeHistogram(p.publishLatency)).max).toBe(2007);

    c.set(3000);
    r.recordSend();
    const q = await r.drainPeriod();
    expect(q).toMatchObject({ startedAt: 2000, endedAt: 3000, messagesSent: 0, messageSendErrors: 0 });
    expect(q.errorsByType).toEqual({});
    expect(q.receivedBySubscription).toEqual({});
    expect(q.latenciesOutOfRange).toBeUndefined();
    expect(q.totalMessagesSent).toBe(11);
    expect(count(q.publishLatency)).toBe(0);
    expect(r.counters()).toEqual({ messagesSent: 11, messageSendErrors: 3, messagesReceived: 3, probesReceived: 1 });
  });

  test("what is recorded while a drain is still encoding belongs to the next period, and to the cumulative", async () => {
    const r = new StatsRecorder();
    r.recordAck(100, 1000, 1, 1001);
    const draining = r.drainPeriod();
    r.recordAck(100, 2000, 2, 2002);
    expect(count(r.cumulativeLatencies().publishLatency)).toBe(2);
    const first = await draining;
    expect(first.messagesSent).toBe(1);
    expect(count(first.publishLatency)).toBe(1);
    const second = await r.drainPeriod();
    expect(second.messagesSent).toBe(1);
    expect(summarizeHistogram(decodeHistogram(second.publishLatency)).max).toBe(2000);
    expect(count(r.cumulativeLatencies().publishLatency)).toBe(2);
  });

  test("cumulative latencies span drained periods and the current one; reset clears them, not totals", async () => {
    const c = clock(0);
    const r = new StatsRecorder(c.now);
    r.recordAck(10, 100, 1, 101);
    await r.drainPeriod();
    r.recordAck(10, 200, 1, 201);
    const cumulative = r.cumulativeLatencies();
    expect(count(cumulative.publishLatency)).toBe(2);
    expect(count(r.cumulativeLatencies().publishLatency)).toBe(2); // reading does not drain
    r.recordSend();
    c.set(500);
    r.reset();
    expect(count(r.cumulativeLatencies().publishLatency)).toBe(0);
    c.set(900);
    const p = await r.drainPeriod();
    expect(p.startedAt).toBe(500);
    expect(p.messagesSent).toBe(0);
    expect(p.totalMessagesSent).toBe(1);
  });
});

describe("merge", () => {
  test("periods merge by histogram and counter sums over the earliest start to latest end", async () => {
    const a = new StatsRecorder(() => 100);
    const b = new StatsRecorder(() => 50);
    for (let i = 1; i <= 99; i++) a.recordAck(1, i, 0, i);
    b.recordAck(1, 1_000_000, 0, 1_000_000);
    a.recordSendError("timeout");
    b.recordSendError("timeout");
    b.recordSendError("connection");
    b.recordReceive(1, -1, "t/s");
    a.recordReceive(1, 10, "t/s");
    a.recordReceive(1, 10, "t/slow");
    const pa = { ...(await a.drainPeriod()), endedAt: 400 };
    const pb = { ...(await b.drainPeriod()), endedAt: 300, system: [{ at: 7 } as never] };
    const merged = mergePeriodStats([pa, pb]);
    expect(merged).toMatchObject({
      startedAt: 50,
      endedAt: 400,
      messagesSent: 100,
      bytesSent: 100,
      messageSendErrors: 3,
      errorsByType: { timeout: 2, connection: 1 },
      messagesReceived: 3,
      receivedBySubscription: { "t/s": 2, "t/slow": 1 },
      latenciesOutOfRange: { endToEndLatency: 1 },
      system: [{ at: 7 }],
    });
    // With a part from an older worker (no per-subscription counts), no partial sum.
    const { receivedBySubscription: _, ...older } = pb;
    expect(mergePeriodStats([pa, older]).receivedBySubscription).toBeUndefined();
    const latency = summarizeHistogram(decodeHistogram(merged.publishLatency));
    expect(latency.count).toBe(100);
    // The p99 of the union, not the average of two p99s.
    expect(latency.p99).toBe(99);
    expect(latency.max).toBeGreaterThanOrEqual(1_000_000);
  });

  test("a producer-only process drains an empty, valid end-to-end histogram beside full ones", async () => {
    const r = new StatsRecorder();
    r.recordAck(100, 2000, 5, 2005);
    const p = await r.drainPeriod();
    expect(count(p.publishLatency)).toBe(1);
    expect(count(p.endToEndLatency)).toBe(0);
    expect(count(r.cumulativeLatencies().endToEndLatency)).toBe(0);
    r.recordReceive(100, 3000, "t/s");
    expect(count((await r.drainPeriod()).endToEndLatency)).toBe(1);
    expect(count(r.cumulativeLatencies().endToEndLatency)).toBe(1);
  });

  test("cumulative latencies merge; empty inputs give empty histograms", () => {
    const a = new StatsRecorder();
    const b = new StatsRecorder();
    a.recordReceive(1, 10, "t/s");
    b.recordReceive(1, 20, "t/s");
    b.recordReceive(1, 30, "t/s");
    const merged = mergeCumulativeLatencies([a.cumulativeLatencies(), b.cumulativeLatencies()]);
    expect(count(merged.endToEndLatency)).toBe(3);
    expect(count(mergeCumulativeLatencies([]).publishLatency)).toBe(0);
    expect(mergePeriodStats([])).toMatchObject({ startedAt: 0, endedAt: 0, messagesSent: 0, system: [] });
  });
});
