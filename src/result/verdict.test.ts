import { describe, expect, test } from "bun:test";
import { parseThreshold } from "../config/thresholds";
import { hist, period, sampleResult } from "../../test/support/fixtures";
import { periodFigures } from "./period";
import { judge, withVerdict } from "./verdict";

const ids = (checks: { id: string; ok: boolean }[]) => checks.filter((c) => !c.ok).map((c) => c.id);

describe("judge", () => {
  test("a clean run: ok, exit 0, every check passed, stored with the result", () => {
    const r = sampleResult();
    const v = judge(r);
    expect(v).toMatchObject({ status: "ok", exitCode: 0, warnings: [], thresholds: [] });
    expect(v.checks.map((c) => c.id)).toEqual(["workers", "sendErrors", "targetRate", "consumersKeptUp", "lostDuplicated"]);
    expect(ids(v.checks)).toEqual([]);
    expect(r.omb.verdict).toEqual(v);
    expect(r.omb.status).toBe("ok");
  });

  test("re-judging a stored result ignores its stored verdict and status", () => {
    const r = sampleResult();
    const tampered = { ...r, omb: { ...r.omb, status: "invalid" as const, verdict: { ...r.omb.verdict!, exitCode: 1 as const } } };
    expect(judge(tampered)).toEqual(judge(r));
  });

  test("thresholds: a breach on a valid run is exit 3; new thresholds replace the stored ones", () => {
    const r = sampleResult({ judging: { thresholds: ["publishLatency.p99<0.001ms"] } });
    expect(r.omb.verdict).toMatchObject({ status: "ok", exitCode: 3 });
    expect(r.omb.verdict!.thresholds[0]).toMatchObject({ threshold: "publishLatency.p99<0.001ms", ok: false });
    expect(r.omb.verdict!.thresholds[0]!.shown).toMatch(/^p99=\d+\.\d ms$/);
    expect(judge(r, { thresholds: ["publishLatency.p99<1h", "lost==0", "errorRate<1%", "publishRate>=4900"] })).toMatchObject({ exitCode: 0 });
  });

  test("send errors by type fail the run unless tolerated", () => {
    const p = periodFigures(period({ messageSendErrors: 500, errorsByType: { connection: 400, "unsettled-at-stop": 100 } }), 2, "measured");
    const rec = { ...sampleResult().omb.reconciliation, failed: 500, acked: 49_500 };
    const r = sampleResult({ periods: [p], reconciliation: rec });
    const v = judge(r);
    expect(v).toMatchObject({ status: "invalid", exitCode: 1 });
    expect(v.checks.find((c) => c.id === "sendErrors")!.label).toBe("send errors: 500 of 50000 sends failed (1.0 %): connection 400, unsettled-at-stop 100");
    expect(judge(r, { maxErrorRate: 0.02 }).status).toBe("ok");
  });

  test("a missed target rate and a stalled period", () => {
    const slow = periodFigures(period({ messagesSent: 10_000, messagesReceived: 20_000, totalMessagesSent: 10_000, totalMessagesReceived: 20_000 }), 2, "measured");
    const v = judge(sampleResult({ periods: [slow] }));
    expect(v.status).toBe("invalid");
    expect(v.checks.find((c) => c.id === "targetRate")!.label).toStartWith("target rate missed: achieved 1000.0 of 5000 msg/s (−80.0 %), tolerance 2.0 %");
    expect(ids(v.checks)).toContain("stalledPeriods");
  });

  test("a short window may count one average publish latency's worth more or less than the target", () => {
    // 5,150 msg/s over a 10 s window: +3 %, with publish latency ~5 ms (0.05 % of the window): overshot.
    const over = periodFigures(period({ messagesSent: 51_500, messagesReceived: 103_000, totalMessagesSent: 51_500, totalMessagesReceived: 103_000 }), 2, "measured");
    expect(judge(sampleResult({ periods: [over] })).checks.find((c) => c.id === "targetRate")!.label).toStartWith("target rate overshot: achieved 5150.0 of 5000 msg/s (+3.0 %)");
    // The same on a 1 s window with 500 ms publish latency: within 2 % + 10 % (the cap) for the edges.
    const short = periodFigures(period({ endedAt: 1_700_000_001_000, messagesSent: 5_150, messagesReceived: 10_300, totalMessagesSent: 5_150, totalMessagesReceived: 10_300, publishLatency: hist([500_000]) }), 2, "measured");
    const cumulative = { publishLatency: hist([500_000]), publishDelay: hist([1]), intendedPublishLatency: hist([1]), endToEndLatency: hist([1]) };
    const label = judge(sampleResult({ periods: [short], cumulative })).checks.find((c) => c.id === "targetRate")!.label;
    expect(label).toBe("target rate held: achieved 5150.0 of 5000 msg/s (+3.0 %), tolerance 2.0 % + 10.0 % for the window's edges");
  });

  test("consumers that fall behind", () => {
    const behind = periodFigures(period({ messagesReceived: 60_000, totalMessagesReceived: 60_000 }), 2, "measured");
    const v = judge(sampleResult({ periods: [behind] }));
    expect(v.status).toBe("invalid");
    expect(v.checks.find((c) => c.id === "consumersKeptUp")!.label).toStartWith("consumers fell behind: consume 3000.0 msg/s per subscription");
  });

  test("consumers kept up is judged per subscription: a slow one fails, named, though a fast one hides it in the average", () => {
    // 2 topics × 2 subscriptions, 2,500 msg/s per topic; omb-a-1's first subscription reads more (re-reads after a rebalance).
    const received = { "omb-a-0/omb-a-0-sub-0": 25_000, "omb-a-0/omb-a-0-sub-1": 15_000, "omb-a-1/omb-a-1-sub-0": 35_000, "omb-a-1/omb-a-1-sub-1": 25_000 };
    const periods = [0, 1].map((i) =>
      periodFigures(
        period({
          startedAt: 1_700_000_000_000 + i * 10_000,
          endedAt: 1_700_000_010_000 + i * 10_000,
          totalMessagesSent: 50_000 * (i + 1),
          totalMessagesReceived: 100_000 * (i + 1),
          receivedBySubscription: received,
        }),
        2,
        "measured",
      ),
    );
    const r = sampleResult({ periods });
    const check = judge(r).checks.find((c) => c.id === "consumersKeptUp")!;
    expect(check.ok).toBe(false);
    expect(check.label).toBe("consumers fell behind: omb-a-0/omb-a-0-sub-1: consume 1500.0 msg/s against publish 2500.0 msg/s (−40.0 %)");
    // The same result as written before per-subscription receipts: judged on the average, as then.
    const old = { ...r, omb: { ...r.omb, periods: r.omb.periods.map(({ receivedBySubscription: _, ...p }) => p) } };
    expect(judge(old).checks.find((c) => c.id === "consumersKeptUp")).toMatchObject({ ok: true, label: "consumers kept up: 5000.0 msg/s per subscription, backlog 0 at the end" });
  });

  test("a subscription whose backlog grows from period to period fails; one that keeps up passes", () => {
    const at = (i: number, bySub: Record<string, number>) =>
      periodFigures(period({ startedAt: 1_700_000_000_000 + i * 10_000, endedAt: 1_700_000_010_000 + i * 10_000, receivedBySubscription: bySub }), 2, "measured");
    const even = { "omb-a-0/omb-a-0-sub-0": 25_000, "omb-a-0/omb-a-0-sub-1": 25_000, "omb-a-1/omb-a-1-sub-0": 25_000, "omb-a-1/omb-a-1-sub-1": 25_000 };
    const ok = judge(sampleResult({ periods: [at(0, even), at(1, even)] })).checks.find((c) => c.id === "consumersKeptUp")!;
    expect(ok).toMatchObject({ ok: true, label: "consumers kept up: 4 subscriptions, the slowest at 2500.0 msg/s, backlog 0 at the end" });
    // Catching up warmup's backlog in the first period hides, in the window's rate, falling behind in the second.
    const r = sampleResult({ periods: [at(0, { ...even, "omb-a-1/omb-a-1-sub-1": 30_000 }), at(1, { ...even, "omb-a-1/omb-a-1-sub-1": 20_000 })] });
    const label = judge(r).checks.find((c) => c.id === "consumersKeptUp")!.label;
    expect(label).toBe("consumers fell behind: omb-a-1/omb-a-1-sub-1: backlog grew by 5000 messages over the measured phase");
  });

  test("outcomes: never started is failed, a lost worker incomplete, Ctrl-C aborted — all exit 1", () => {
    const failed = sampleResult({ loadStarted: false, measuredCompleted: false, periods: [], problems: ["broker 127.0.0.1:1 unreachable: connection refused"] });
    expect(failed.omb.verdict).toMatchObject({ status: "failed", exitCode: 1 });
    expect(failed.omb.verdict!.checks).toEqual([{ id: "started", ok: false, label: "run never started: broker 127.0.0.1:1 unreachable: connection refused" }]);
    expect(sampleResult({ lost: new Map([["w1", "gone"]]) }).omb.verdict).toMatchObject({ status: "incomplete", exitCode: 1 });
    expect(sampleResult({ aborted: "SIGINT" }).omb.verdict).toMatchObject({ status: "aborted", exitCode: 1 });
  });

  test("unverified messages are not lost", () => {
    const base = sampleResult().omb.reconciliation;
    const sub = { ...base.subscriptions[0]!, consumed: 40_000, unverified: 10_000 };
    const v = judge(sampleResult({ reconciliation: { ...base, subscriptions: [sub], unverified: 10_000 } }));
    const row = v.checks.find((c) => c.id === "lostDuplicated")!;
    expect(row).toMatchObject({ ok: true });
    expect(row.label).toContain("0 lost, 10000 unverified");
  });

  test("client-bound is a warning, a failure under --strict", () => {
    const cpu = (at: number) => ({ at, cpuPercent: 99, memoryUsedBytes: 0, memoryTotalBytes: 0, processRssBytes: 0, netRxBytesPerSec: 0, netTxBytesPerSec: 0, diskReadBytesPerSec: 0, diskWriteBytesPerSec: 0 });
    const busy = { messagesSent: 1, messagesReceived: 0, publishErrors: 0, system: [cpu(1), cpu(2)] };
    const r = sampleResult({ perWorker: new Map([["http://w0:1", busy]]) });
    expect(r.omb.verdict!.status).toBe("ok");
    expect(r.omb.verdict!.warnings[0]!.message).toStartWith("client-bound: worker http://w0:1 at 99.0 % CPU");
    expect(withVerdict(r, { strict: true }).omb.verdict).toMatchObject({ status: "invalid", exitCode: 1 });
  });

  test("clock offset between producer and consumer workers large against e2e p50 is a warning", () => {
    const r = sampleResult();
    const clock = [
      { worker: "http://w0:1", offsetMs: 0, uncertaintyMs: 0.1, samples: 8 },
      { worker: "http://w1:1", offsetMs: 5, uncertaintyMs: 0.2, samples: 8 },
    ];
    const v = judge({ ...r, omb: { ...r.omb, clock } });
    expect(v.warnings.map((w) => w.id)).toEqual(["clock-offset"]);
    expect(v.warnings[0]!.message).toContain("http://w0:1 → http://w1:1 is uncertain by up to 5.30 ms");
  });
});

describe("parseThreshold", () => {
  test.each([
    ["publishLatency.p99<50ms", { metric: "publishLatency", stat: "p99", percentile: 99, operator: "<", value: 50 }],
    ["endToEndLatency.p(99.9) <= 2s", { metric: "endToEndLatency", percentile: 99.9, operator: "<=", value: 2000 }],
    ["publishDelay.p999<500us", { percentile: 99.9, value: 0.5 }],
    ["publishLatency.avg<1h", { stat: "avg", value: 3_600_000 }],
    ["errorRate<1%", { metric: "errorRate", value: 0.01 }],
    ["publishRate>=10000", { metric: "publishRate", operator: ">=", value: 10_000 }],
    ["lost==0", { metric: "lost", operator: "==", value: 0 }],
  ])("%s", (text, expected) => expect(parseThreshold(text)).toMatchObject(expected));

  test.each([
    ["publishLatancy.p99<50ms", /unknown metric publishLatancy/],
    ["publishLatency.p99<50kg", /unit kg is not a time/],
    ["publishLatency.median<5", /no statistic median/],
    ["lost.max==0", /lost has no statistics/],
    ["p99 under 50", /is not a threshold/],
  ])("%s is refused with a reason", (text, reason) => {
    const t = parseThreshold(text);
    expect("error" in t && t.error).toMatch(reason);
  });
});
