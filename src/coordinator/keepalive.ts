// A worker's deadman switch counts silence from initialize-driver until
// stop-all, but a run's steps address only some workers (topics on the leader,
// readiness on consumer workers, the drain on producer workers). While a test
// runs, every live worker hears from the coordinator at least this often, so a
// long step on one worker never lets another tear its session down.
import type { RunContext } from "./run-context";

/** Well inside the workers' default deadman of 60 s, also with a slow answer. */
export const KEEPALIVE_MS = 15_000;

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
