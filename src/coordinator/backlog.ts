// Backlog test (consumerBacklogSizeGB > 0), as Java OMB: pause the consumers
// until the backlog holds the requested bytes, resume them, time the drain down
// to backlogDrainRatio, then keep measuring for the test duration. Runs beside
// the measured phase, which stays open until this is done; bounded throughout.
// Honest about itself: the producers must reach the build rate (checked within
// BUILD_PROBE_MS, else the test ends at once, failed, with the reason); building
// stops at the target (overshoot: one poll); the drain prints its progress; each
// phase has its own header.
import { backlogOf } from "../result/period";
import type { BacklogTest } from "../result/types";
import { formatMs, pollUntil, sleep } from "./bounds";
import type { RunContext } from "./run-context";

const BUILD_POLL_MS = 1000;
const DRAIN_POLL_MS = 100;
/** How long the producers get to show they reach the build rate. */
export const BUILD_PROBE_MS = 10_000;
/** The share of the build rate they must reach. */
export const BUILD_RATE_SHARE = 0.9;
const GiB = 1024 ** 3;

export interface BacklogRun {
  readonly done: boolean;
  /** The test ended without a result (rate not reached, not built, not drained): the measured phase may end. */
  readonly failed: boolean;
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
  const state = { done: false, failed: false };

  const counts = async () => {
    const counters = await ensemble.call(ensemble.ids, "counters", (w) => w.counters(), bounds.quickCall, { markLost: true });
    let sent = 0;
    let received = 0;
    for (const c of counters.results.values()) {
      sent += c.messagesSent;
      received += c.messagesReceived;
    }
    return { sent, backlog: backlogOf(sent, received, workload.subscriptionsPerTopic) };
  };
  const backlog = async () => (await counts()).backlog;
  const workerLost = () => ensemble.lost.size > 0;
  const buildRate = record.targetRate;

  /** Polls the build; fails it early when the producers fall short of the build rate. */
  const build = async (): Promise<{ met: boolean; shortfall?: string }> => {
    const start = await counts();
    const t0 = performance.now();
    let probed = false;
    const outcome = await pollUntil(
      counts,
      (c) => {
        if (c.backlog * workload.messageSize >= targetBytes || workerLost()) return true;
        const elapsed = performance.now() - t0;
        if (!probed && elapsed >= BUILD_PROBE_MS) {
          probed = true;
          const reached = (c.sent - start.sent) / (elapsed / 1000);
          if (reached < BUILD_RATE_SHARE * buildRate) {
            const eta = (targetBytes / workload.messageSize - c.backlog) / Math.max(1, reached);
            test.note =
              `producers reach only ${reached.toFixed(0)} of the ${buildRate} msg/s build rate (${((reached / buildRate) * 100).toFixed(1)} %): ` +
              `the backlog would take another ${formatMs(eta * 1000)} to build, not at the configured rate; lower producerRate or add workers`;
            return true;
          }
        }
        return false;
      },
      { timeoutMs: deadline - t0, intervalMs: BUILD_POLL_MS, signal },
    );
    return { met: outcome.met && !test.note, shortfall: test.note };
  };

  const run = async () => {
    ctx.log.info(`----- backlog build (${(targetBytes / GiB).toFixed(2)} GiB at ${buildRate} msg/s; consumers paused) -----`);
    await ensemble.require(consumerWorkers, "pause consumers", (w) => w.pauseConsumers(), bounds.setupCall);
    let t = performance.now();
    const built = await build();
    test.buildSeconds = (performance.now() - t) / 1000;
    test.built = built.met && !workerLost();
    await ensemble.require(consumerWorkers, "resume consumers", (w) => w.resumeConsumers(), bounds.setupCall);
    if (!test.built) {
      test.note ??= workerLost() ? "a worker was lost while the backlog was building" : `backlog not built within ${formatMs(bounds.backlog)}`;
      ctx.log.warn(`backlog test: ${test.note}`);
      state.failed = true;
      return;
    }
    ctx.log.info(`----- backlog drain (built in ${test.buildSeconds.toFixed(1)} s; draining below ${drainedBelow} messages) -----`);
    t = performance.now();
    const progress = drainProgress(ctx, record.statsIntervalMs);
    const drained = await pollUntil(
      async () => progress(await backlog()),
      (b) => b <= drainedBelow || workerLost(),
      { timeoutMs: Math.max(0, deadline - t), intervalMs: DRAIN_POLL_MS, signal },
    );
    test.drainSeconds = (performance.now() - t) / 1000;
    test.drained = drained.met && !workerLost();
    if (!test.drained) {
      test.note = workerLost() ? "a worker was lost while the backlog was draining" : `backlog not drained within ${formatMs(bounds.backlog)}`;
      state.failed = true;
      return;
    }
    ctx.log.info(`----- benchmark (${formatMs(durationMs)} after the backlog drained in ${test.drainSeconds.toFixed(1)} s) -----`);
    await sleep(durationMs, signal);
  };

  const finished = run()
    .catch((error: unknown) => {
      state.failed = true;
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
    get failed() {
      return state.failed;
    },
    async stop() {
      stopping.abort("done");
      await finished;
    },
  };
}

/** Passes the backlog through, printing once per stats interval what is left, the drain rate and when it will be done. */
function drainProgress(ctx: RunContext, everyMs: number): (backlog: number) => number {
  let last: { at: number; backlog: number } | undefined;
  return (backlog) => {
    const now = performance.now();
    if (!last) last = { at: now, backlog };
    else if (now - last.at >= everyMs) {
      const rate = (last.backlog - backlog) / ((now - last.at) / 1000);
      const eta = rate > 0 ? `ETA ${formatMs((backlog / rate) * 1000)}` : "not draining";
      ctx.log.info(`backlog draining: ${backlog} messages left, ${rate.toFixed(0)} msg/s, ${eta}`);
      last = { at: now, backlog };
    }
    return backlog;
  };
}
