// The period pull against fake workers on a fake schedule: every worker is asked at
// once, a slow or refusing worker is lost after its bound without holding up the
// others, and a lost worker is never asked again.
import { describe, expect, test } from "bun:test";
import { period, workload } from "../../test/support/fixtures";
import type { Worker } from "../worker/api/worker";
import type { WorkerPeriodStats } from "../worker/api/types";
import type { RunLog } from "../report/run-log";
import { DEFAULT_BOUNDS } from "./bounds";
import type { RunContext } from "./run-context";
import { Ensemble } from "./ensemble";
import { periodPullBound, runLoadPhase } from "./load-phase";
import { planRun } from "./plan";

/** A worker that answers period stats after `delayMs` (never when Infinity), or fails with `refuse`; `calls` lists what it was asked. */
function fakeWorker(id: string, behaviour: { delayMs: number; refuse?: string }) {
  const calls: string[] = [];
  const answer = (): WorkerPeriodStats => ({ ...period({ messagesSent: 10 }), crashed: [] });
  const worker = new Proxy({ id } as Worker, {
    get(target, prop) {
      if (prop === "id") return target.id;
      return () => {
        calls.push(String(prop));
        if (prop !== "periodStats") return Promise.reject(new Error(`${String(prop)} is not part of the load phase`));
        if (behaviour.refuse) return Promise.reject(new Error(`worker ${id}: GET /period-stats answered 409: ${behaviour.refuse}`));
        if (behaviour.delayMs === Infinity) return new Promise(() => {});
        return Bun.sleep(behaviour.delayMs).then(answer);
      };
    },
  });
  return { worker, calls };
}

function context(workers: Worker[], statsBoundMs: number) {
  const w = workload({ topics: 1, producersPerTopic: workers.length, subscriptionsPerTopic: 1, consumerPerSubscription: 1 });
  const plan = planRun(w, { workerIds: workers.map((x) => x.id), extraConsumerWorkers: false, startedAt: new Date() });
  const warnings: string[] = [];
  const log: RunLog = { info() {}, warn: (m) => warnings.push(m), period() {}, aggregated() {}, progress() {} };
  const signal = new AbortController().signal;
  const record = { startedAt: new Date(), targetRate: 1, statsIntervalMs: 100, health: new Map(), periods: [], perWorker: new Map(), producerReports: new Map(), stopResults: new Map(), crashed: new Map(), problems: [], topicsAttempted: true, loadStarted: true, measuredStarted: true, measuredCompleted: false };
  const ctx: RunContext = { record, plan, workload: w, ensemble: new Ensemble(workers, plan.roles, signal), bounds: { ...DEFAULT_BOUNDS, statsCall: statsBoundMs }, log, signal };
  return { ctx, warnings };
}

describe("period pull", () => {
  test("a worker gets one stats interval to answer, at least 5 s and at most the stats bound", () => {
    expect(periodPullBound(10_000, 30_000)).toBe(10_000);
    expect(periodPullBound(1000, 30_000)).toBe(5000);
    expect(periodPullBound(60_000, 30_000)).toBe(30_000);
  });

  test("every worker is asked at once: 8 workers of 150 ms each take about 150 ms, not 1.2 s", async () => {
    const fakes = Array.from({ length: 8 }, (_, i) => fakeWorker(`w${i}`, { delayMs: 150 }));
    const { ctx } = context(fakes.map((f) => f.worker), 30_000);
    expect(await runLoadPhase(ctx, { phase: "measured", durationMs: 400 })).toBe("completed");
    const pulls = ctx.record.periods.map((p) => p.statsPull!);
    // Two on an idle host; a busy one may stretch the first pull past the phase's end.
    expect(pulls.length).toBeGreaterThanOrEqual(1);
    for (const pull of pulls) {
      expect(pull.workers).toBe(8);
      expect(pull.pullMs).toBeGreaterThanOrEqual(140);
      // Asked one after the other they would take 1.2 s; a busy host may add some to the 150 ms.
      expect(pull.pullMs).toBeLessThan(1000);
    }
    expect(ctx.record.periods[0]!.messagesSent).toBe(80);
  });

  test("a worker that does not answer is lost after its bound, named, and never asked again", async () => {
    const hung = fakeWorker("http://hung:8080", { delayMs: Infinity });
    const others = [fakeWorker("w1", { delayMs: 10 }), fakeWorker("w2", { delayMs: 10 })];
    const { ctx, warnings } = context([hung.worker, ...others.map((o) => o.worker)], 400);
    const t = performance.now();
    expect(await runLoadPhase(ctx, { phase: "measured", durationMs: 5000 })).toBe("worker-lost");
    // The first period was due at 100 ms; the hung worker held it up by its bound, not for the 5 s phase.
    expect(performance.now() - t).toBeLessThan(100 + 400 + 1500);
    expect(ctx.ensemble.lost.get("http://hung:8080")).toBe("period stats: no answer within 400 ms");
    expect(warnings.join("\n")).toContain("worker http://hung:8080 lost");
    expect(ctx.record.periods).toEqual([]);
    const pulls = (f: { calls: string[] }) => f.calls.filter((c) => c === "periodStats").length;
    await ctx.ensemble.call(ctx.ensemble.ids, "period stats", (w) => w.periodStats(), 400, { markLost: true });
    expect(pulls(hung)).toBe(1);
    expect(others.map(pulls)).toEqual([2, 2]);
  });

  test("a worker that answers again after its deadman stopped the run is lost with that reason", async () => {
    const back = fakeWorker("http://back:8080", { delayMs: 0, refuse: "the deadman switch stopped this run" });
    const { ctx } = context([fakeWorker("w0", { delayMs: 0 }).worker, back.worker], 30_000);
    expect(await runLoadPhase(ctx, { phase: "measured", durationMs: 5000 })).toBe("worker-lost");
    expect(ctx.ensemble.lost.get("http://back:8080")).toBe("period stats: GET /period-stats answered 409: the deadman switch stopped this run");
    expect(ctx.ensemble.alive()).toEqual(["w0"]);
  });

  test("pull and merge over a tenth of the interval is said once", async () => {
    const { ctx, warnings } = context([fakeWorker("w0", { delayMs: 30 }).worker], 30_000);
    expect(await runLoadPhase(ctx, { phase: "measured", durationMs: 300 })).toBe("completed");
    expect(ctx.record.periods.length).toBe(3);
    const late = warnings.filter((w) => w.includes("the period lines run late"));
    expect(late.length).toBe(1);
    expect(late[0]).toMatch(/^period stats of 1 workers took \d+ ms to pull and \d+ ms to merge, over 10 % of the 100 ms stats interval/);
  });
});
