// The end of a run, also after a failure or Ctrl-C: producers stop and settle
// every send (acked or failed), consumers catch up with what was acked, then
// every worker stops and hands over its final reports. Each step is bounded;
// none of it is cut short by the interruption that may have led here.
import { formatMs, pollUntil, RunAborted } from "./bounds";
import type { RunContext } from "./run-context";

/** A worker already lost gets a short last chance to stop (it may only have been slow). */
const LOST_WORKER_STOP_MS = 5000;
const DRAIN_POLL_MS = 250;

export async function stopLoadAndDrain(ctx: RunContext): Promise<void> {
  const { ensemble, plan, bounds, record, workload } = ctx;
  const producerWorkers = plan.workersWithProducers;
  const consumerWorkers = plan.workersWithConsumers;

  ctx.log.progress({ phase: "stopping", elapsedSeconds: 0, totalSeconds: 0, targetRate: record.targetRate });
  const stopped = await ensemble.call(producerWorkers, "stop load", (w) => w.stopLoad(), bounds.stopLoad, {
    markLost: true,
    ignoreAbort: true,
  });
  for (const [id, reports] of stopped.results) record.producerReports.set(id, reports);
  for (const [id, reason] of stopped.failures) ctx.log.warn(`worker ${id}: could not stop load: ${reason}`);
  if (ctx.signal.aborted) return;

  let acked = 0;
  for (const reports of stopped.results.values()) for (const r of reports) acked += r.acked;
  const target = acked * workload.subscriptionsPerTopic;
  ctx.log.info(`producers stopped: ${acked} messages acked; waiting for ${target} receipts (${workload.subscriptionsPerTopic} per message)`);

  const started = performance.now();
  let best = -1;
  let lastProgress = started;
  const received = async () => {
    const counters = await ensemble.call(consumerWorkers, "counters", (w) => w.counters(), bounds.quickCall, { markLost: true });
    let n = 0;
    for (const c of counters.results.values()) n += c.messagesReceived;
    if (n > best) {
      best = n;
      lastProgress = performance.now();
    }
    ctx.log.progress({ phase: "draining", elapsedSeconds: (performance.now() - started) / 1000, totalSeconds: bounds.drain / 1000, targetRate: 0 });
    return n;
  };
  // A consumer that stopped making progress will not catch up: stop waiting early.
  const stalled = () => performance.now() - lastProgress > (ensemble.lost.size > 0 ? Math.min(5000, bounds.drainStall) : bounds.drainStall);
  try {
    const drained = await pollUntil(received, (n) => n >= target || stalled(), {
      timeoutMs: bounds.drain,
      intervalMs: DRAIN_POLL_MS,
      signal: ctx.signal,
    });
    if (drained.value < target) {
      const why = stalled() ? `no progress for ${formatMs(performance.now() - lastProgress)}` : `not within ${formatMs(bounds.drain)}`;
      record.problems.push(`consumers did not catch up: ${drained.value} of ${target} receipts (${why})`);
      ctx.log.warn(`drain incomplete: ${drained.value} of ${target} receipts (${why})`);
    } else {
      ctx.log.info(`consumers caught up in ${formatMs(performance.now() - started)}`);
    }
  } catch (error) {
    if (!(error instanceof RunAborted)) throw error;
    record.aborted = error.signal;
  }
}

/** Every worker stops and returns to idle; lost ones are tried briefly. */
export async function stopWorkers(ctx: RunContext): Promise<void> {
  const { ensemble, bounds, record } = ctx;
  const alive = ensemble.alive();
  const lost = [...ensemble.lost.keys()];
  const [live, last] = await Promise.all([
    ensemble.call(alive, "stop", (w) => w.stop(), bounds.stop, { markLost: true, ignoreAbort: true }),
    lastChanceStop(ctx, lost),
  ]);
  for (const [id, result] of [...live.results, ...last]) {
    record.stopResults.set(id, result);
    if (result.crashed.length) record.crashed.set(id, result.crashed);
  }
  for (const [id, reason] of live.failures) ctx.log.warn(`worker ${id}: could not stop: ${reason}`);
  for (const id of lost) {
    if (last.has(id)) ctx.log.info(`worker ${id} (lost) answered the final stop: its reports are kept, the run stays incomplete`);
    else ctx.log.warn(`worker ${id} (lost) could not be stopped; if it still runs, it stops itself by its deadman switch`);
  }
}

async function lastChanceStop(ctx: RunContext, ids: string[]) {
  const outcome = await ctx.ensemble.call(ids, "stop", (w) => w.stop(), LOST_WORKER_STOP_MS, { ignoreAbort: true, includeLost: true });
  return outcome.results;
}
