// Runs the rate controller beside the load phases when the workload asks for
// the maximum sustainable rate: every control period read the counters of all
// workers, let the controller pick the next rate, hand it to the producers.
import type { MaxRateDiscovery } from "../result/types";
import { sleep } from "./bounds";
import type { RunContext } from "./run-context";
import { rateShares } from "./plan";
import { RateController } from "./rate-controller";

/** Java OMB adjusts every 3 s. */
const CONTROL_PERIOD_MS = 3000;

export interface RateDiscovery {
  /** Ends the control loop (waits for a step in flight). */
  stop(): Promise<void>;
}

export function startRateDiscovery(ctx: RunContext, startRate: number): RateDiscovery {
  const { ensemble, bounds, record, plan } = ctx;
  const discovery: MaxRateDiscovery = { sustainedRate: 0, finalTargetRate: startRate, history: [{ at: Date.now(), rate: startRate, reason: "start" }] };
  record.maxRate = discovery;
  const controller = new RateController({ subscriptionsPerTopic: ctx.workload.subscriptionsPerTopic });
  const stopping = new AbortController();
  const signal = AbortSignal.any([stopping.signal, ctx.signal]);
  const periodMs = Math.min(CONTROL_PERIOD_MS, record.statsIntervalMs);

  const loop = async () => {
    let rate = startRate;
    let last = performance.now();
    while (!signal.aborted) {
      await sleep(periodMs, signal);
      if (signal.aborted) return;
      const counters = await ensemble.call(ensemble.ids, "counters", (w) => w.counters(), bounds.quickCall, { markLost: true });
      const now = performance.now();
      let sent = 0;
      let received = 0;
      for (const c of counters.results.values()) {
        sent += c.messagesSent;
        received += c.messagesReceived;
      }
      const step = controller.next(rate, (now - last) / 1000, sent, received);
      last = now;
      if (Math.abs(step.rate - rate) < 0.5 || signal.aborted) continue;
      rate = step.rate;
      const shares = rateShares(plan, rate);
      await ensemble.call(Object.keys(shares), "adjust rate", (w) => w.adjustRate(shares[w.id]!), bounds.quickCall, { markLost: true });
      record.targetRate = rate;
      discovery.finalTargetRate = rate;
      discovery.history.push({ at: Date.now(), rate, reason: step.reason });
    }
  };
  // The loop ends on interruption by itself; any other failure is a run problem, not a crash.
  const running = loop().catch((error: unknown) => {
    if (!ctx.signal.aborted) record.problems.push(`rate discovery stopped: ${(error as Error).message}`);
  });
  return {
    async stop() {
      stopping.abort("done");
      await running;
    },
  };
}
