import { describe, expect, test } from "bun:test";
import { workload } from "../../test/support/fixtures";
import type { Worker } from "../worker/api/worker";
import { type RunContext } from "./run-context";
import { DEFAULT_BOUNDS, RunAborted } from "./bounds";
import type { RunLog } from "../report/run-log";
import { Ensemble } from "./ensemble";
import { planRun } from "./plan";
import { awaitReadiness, NotReady, readyLine } from "./readiness";

/** Only what the readiness barrier calls; anything else is a test error. */
function fakeWorker(id: string, state: { pending: string[]; probes: number; probed?: () => void }): Worker {
  const unexpected = () => Promise.reject(new Error("not part of readiness"));
  return new Proxy({ id } as Worker, {
    get(target, prop) {
      if (prop === "id") return target.id;
      if (prop === "consumersReady") return async () => ({ ready: state.pending.length === 0, pending: state.pending });
      if (prop === "probeProducers") return async () => state.probed?.();
      if (prop === "counters") return async () => ({ messagesSent: 0, messageSendErrors: 0, messagesReceived: 0, probesReceived: state.probes, crashed: [] });
      return unexpected;
    },
  });
}

const silent: RunLog = { info() {}, warn() {}, period() {}, aggregated() {}, progress() {} };

function context(workers: Worker[], readinessMs: number, signal = new AbortController().signal): RunContext {
  const w = workload({ topics: 1, producersPerTopic: 2, subscriptionsPerTopic: 2, consumerPerSubscription: 1 });
  const plan = planRun(w, { workerIds: workers.map((x) => x.id), extraConsumerWorkers: false, startedAt: new Date() });
  const record = { startedAt: new Date(), targetRate: 1, statsIntervalMs: 1000, health: new Map(), periods: [], perWorker: new Map(), producerReports: new Map(), stopResults: new Map(), crashed: new Map(), problems: [], topicsAttempted: false, loadStarted: false, measuredStarted: false, measuredCompleted: false };
  return { record, plan, workload: w, ensemble: new Ensemble(workers, plan.roles, signal), bounds: { ...DEFAULT_BOUNDS, readiness: readinessMs }, log: silent, signal };
}

describe("readiness barrier", () => {
  test("passes once partitions are assigned and producers × subscriptions probes arrived", async () => {
    const consumer = { pending: ["c0", "c1"], probes: 0 };
    const producer = { pending: [], probes: 0, probed: () => setTimeout(() => (consumer.probes = 4), 300) };
    setTimeout(() => (consumer.pending = []), 300);
    await awaitReadiness(context([fakeWorker("p", producer), fakeWorker("c", consumer)], 5000));
    expect(consumer.probes).toBe(4);
  });

  test("a timeout names the worker and the consumers without partitions", async () => {
    const ctx = context([fakeWorker("http://p:1", { pending: [], probes: 0 }), fakeWorker("http://c:1", { pending: ["c1"], probes: 0 })], 600);
    const error = await awaitReadiness(ctx).catch((e: Error) => e);
    expect(error).toBeInstanceOf(NotReady);
    expect((error as Error).message).toContain("worker http://c:1: c1");
  });

  test("missing probes are counted in the error", async () => {
    const ctx = context([fakeWorker("p", { pending: [], probes: 0 }), fakeWorker("c", { pending: [], probes: 3 })], 600);
    const error = await awaitReadiness(ctx).catch((e: Error) => e);
    expect((error as Error).message).toContain("only 3 of 4 probes (2 producers × 2 subscriptions)");
  });

  test("Ctrl-C ends the wait at once", async () => {
    const abort = new AbortController();
    const ctx = context([fakeWorker("p", { pending: [], probes: 0 }), fakeWorker("c", { pending: ["c0"], probes: 0 })], 60_000, abort.signal);
    setTimeout(() => abort.abort("SIGINT"), 200);
    const t = performance.now();
    const error = await awaitReadiness(ctx).catch((e: Error) => e);
    expect(error).toBeInstanceOf(RunAborted);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});

test("the readiness line says when consumers outnumber partitions and stay idle by design", () => {
  const shape = { topics: 1, partitionsPerTopic: 2, subscriptionsPerTopic: 1, consumerPerSubscription: 12 };
  expect(readyLine(12, shape)).toBe(
    "all 12 consumers joined their groups; 10 of them have no partition by design " +
      "(12 consumers per subscription, 2 partitions per topic: a partition goes to one consumer of a group)",
  );
  expect(readyLine(4, { ...shape, consumerPerSubscription: 2, subscriptionsPerTopic: 2 })).toBe("all 4 consumers have their partitions");
});
