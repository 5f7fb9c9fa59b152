// Backlog test (consumerBacklogSizeGB > 0), as Java OMB: pause the consumers
// until the backlog holds the requested bytes, resume them, time the drain down
// to backlogDrainRatio, then keep measuring for the test duration. Runs beside
// the measured phase, which stays open until this is done; bounded throughout.
import { backlogOf } from "../result/period";
import type { BacklogTest } from "../result/types";
import { formatMs, pollUntil, sleep } from "./bounds";
import type { RunContext } from "./run-context";

const BUILD_POLL_MS = 1000;
const DRAIN_POLL_MS = 100;
const GiB = 1024 ** 3;

export interface BacklogRun {
  readonly done: boolean;
  /** Ends the test early if it still runs; settles when it is over (failures go to the record). */
  stop(): Promise<void>;
}

export function startBacklogTest(ctx: RunContext, durationMs: number): BacklogRun {
  const { workload, ensemble, bounds, record, plan } = ctx;
  const stopping = new AbortController();
  const signal = AbortSignal.any([stopping.signal, ctx.signal]);
  const targetBytes = Math.round(workload.consumerBacklogSizeGB * GiB);
  const capacity = Math.floor(targetBytes / workload.messageSize);
  const drainedBelow = Math.max(1000, Math.floor((1 - workload.backlogDrainRatio) * capacity));
  const test: BacklogTest = { targetBytes, built: false, buildSeconds: 0, drained: false, drainSeconds: 0, drainedBelow };
  record.backlogTest = test;
  const consumerWorkers = plan.workersWithConsumers;
  const deadline = performance.now() + bounds.backlog;
  const state = { done: false };

  const backlog = async () => {
    const counters = await ensemble.call(ensemble.ids, "counters", (w) => w.counters(), bounds.quickCall, { markLost: true });
    let sent = 0;
    let received = 0;
    for (const c of counters.results.values()) {
      sent += c.messagesSent;
      received += c.messagesReceived;
    }
    return backlogOf(sent, received, workload.subscriptionsPerTopic);
  };
  const workerLost = () => ensemble.lost.size > 0;

  const run = async () => {
    ctx.log.info(`backlog test: pausing consumers until ${(targetBytes / GiB).toFixed(2)} GiB are waiting`);
    await ensemble.require(consumerWorkers, "pause consumers", (w) => w.pauseConsumers(), bounds.setupCall);
    let t = performance.now();
    const built = await pollUntil(backlog, (b) => b * workload.messageSize >= targetBytes || workerLost(), {
      timeoutMs: deadline - t,
      intervalMs: BUILD_POLL_MS,
      signal,
    });
    test.buildSeconds = (performance.now() - t) / 1000;
    test.built = built.met && !workerLost();
    await ensemble.require(consumerWorkers, "resume consumers", (w) => w.resumeConsumers(), bounds.setupCall);
    if (!test.built) {
      test.note = workerLost() ? "a worker was lost while the backlog was building" : `backlog not built within ${formatMs(bounds.backlog)}`;
      return;
    }
    ctx.log.info(`backlog built in ${test.buildSeconds.toFixed(1)} s; draining below ${drainedBelow} messages`);
    t = performance.now();
    const drained = await pollUntil(backlog, (b) => b <= drainedBelow || workerLost(), {
      timeoutMs: Math.max(0, deadline - t),
      intervalMs: DRAIN_POLL_MS,
      signal,
    });
    test.drainSeconds = (performance.now() - t) / 1000;
    test.drained = drained.met && !workerLost();
    if (!test.drained) {
      test.note = workerLost() ? "a worker was lost while the backlog was draining" : `backlog not drained within ${formatMs(bounds.backlog)}`;
      return;
    }
    ctx.log.info(`backlog drained in ${test.drainSeconds.toFixed(1)} s; measuring ${formatMs(durationMs)} more`);
    await sleep(durationMs, signal);
  };

  const finished = run()
    .catch((error: unknown) => {
      if (!signal.aborted) {
        test.note = (error as Error).message;
        record.problems.push(`backlog test: ${(error as Error).message}`);
      }
    })
    .finally(() => {
      state.done = true;
    });
  return {
    get done() {
      return state.done;
    },
    async stop() {
      stopping.abort("done");
      await finished;
    },
  };
}
