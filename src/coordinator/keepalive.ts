// A worker's deadman switch counts silence from initialize-driver until
// stop-all, but a run's steps address only some workers (topics on the leader,
// readiness on consumer workers, the drain on producer workers). While a test
// runs, every live worker hears from the coordinator at least this often, so a
// long step on one worker never lets another tear its session down.
import type { RunContext } from "./run-context";

/** Well inside the workers' default deadman of 60 s, also with a slow answer. */
export const KEEPALIVE_MS = 15_000;
const MIN_KEEPALIVE_MS = 500;

/** A third of the shortest deadman the workers state in /health (at most 15 s): three chances before any switch fires. */
export function keepaliveInterval(deadmanSeconds: readonly (number | undefined)[]): number {
  const armed = deadmanSeconds.filter((s): s is number => s !== undefined && s > 0);
  if (armed.length === 0) return KEEPALIVE_MS;
  return Math.max(MIN_KEEPALIVE_MS, Math.min(KEEPALIVE_MS, (Math.min(...armed) * 1000) / 3));
}

export function startKeepalive(ctx: RunContext, everyMs = KEEPALIVE_MS): { stop(): void } {
  let calling = false;
  const timer = setInterval(() => {
    if (calling) return;
    calling = true;
    // Failures are not judged here: the step that needs a worker marks it lost.
    void ctx.ensemble
      .call(ctx.ensemble.alive(), "keepalive", (w) => w.counters(), ctx.bounds.quickCall, { ignoreAbort: true })
      .catch(() => {})
      .finally(() => {
        calling = false;
      });
  }, everyMs);
  return { stop: () => clearInterval(timer) };
}
