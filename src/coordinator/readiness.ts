// The readiness barrier before load: every consumer has its partitions, then
// one probe per producer has reached every subscription of its topic. Bounded;
// on timeout the error names the workers and consumers that are not ready.
import { formatMs, pollUntil } from "./bounds";
import type { RunContext } from "./run-context";
import { WorkerFailure } from "./ensemble";

const POLL_MS = 250;

export class NotReady extends Error {}

export async function awaitReadiness(ctx: RunContext): Promise<void> {
  const { ensemble, plan, bounds, signal, workload } = ctx;
  const started = performance.now();
  const left = () => Math.max(0, bounds.readiness - (performance.now() - started));
  const consumerWorkers = plan.workersWithConsumers;
  const producerWorkers = plan.workersWithProducers;

  ctx.log.progress({ phase: "readiness", elapsedSeconds: 0, totalSeconds: bounds.readiness / 1000, targetRate: ctx.record.targetRate });
  const assigned = await pollUntil(
    () => ensemble.require(consumerWorkers, "consumers ready", (w) => w.consumersReady(), bounds.quickCall),
    (answers) => [...answers.values()].every((a) => a.ready),
    { timeoutMs: left(), intervalMs: POLL_MS, signal },
  );
  if (!assigned.met) {
    const pending = [...assigned.value]
      .filter(([, a]) => !a.ready)
      .map(([id, a]) => `worker ${id}: ${a.pending.join(", ")}`);
    throw new NotReady(
      `consumers without assigned partitions after ${formatMs(bounds.readiness)}: ${pending.join("; ")} ` +
        "(is the broker reachable from the workers, and the group coordinator healthy?)",
    );
  }
  ctx.log.info(readyLine(consumerWorkers.reduce((n, w) => n + plan.consumersByWorker[w]!.length, 0), workload));

  await ensemble.require(producerWorkers, "probe producers", (w) => w.probeProducers(), bounds.setupCall);
  const expected = plan.producerCount * workload.subscriptionsPerTopic;
  const probes = await pollUntil(
    () => ensemble.require(consumerWorkers, "counters", (w) => w.counters(), bounds.quickCall),
    (answers) => sumProbes(answers) >= expected,
    { timeoutMs: left(), intervalMs: POLL_MS, signal },
  );
  const crashed = [...probes.value].filter(([, c]) => c.crashed.length > 0);
  if (crashed.length) {
    const [id, c] = crashed[0]!;
    throw new WorkerFailure(id, "readiness", `child process ${c.crashed[0]!.child} died (exit ${c.crashed[0]!.exitCode ?? c.crashed[0]!.signal})`);
  }
  if (!probes.met) {
    const per = [...probes.value].map(([id, c]) => `worker ${id}: ${c.probesReceived}`).join(", ");
    throw new NotReady(
      `only ${sumProbes(probes.value)} of ${expected} probes (${plan.producerCount} producers × ${workload.subscriptionsPerTopic} subscriptions) ` +
        `arrived within ${formatMs(bounds.readiness)} (${per})`,
    );
  }
  ctx.log.info(`ready: ${expected} probes arrived in ${formatMs(performance.now() - started)}`);
}

function sumProbes(answers: Map<string, { probesReceived: number }>): number {
  let n = 0;
  for (const a of answers.values()) n += a.probesReceived;
  return n;
}

/**
 * A partition goes to one consumer of a group: consumers beyond the partitions
 * of their topic stay idle by design, and the line says so instead of claiming
 * every consumer got partitions.
 */
export function readyLine(
  consumers: number,
  w: { topics: number; partitionsPerTopic: number; subscriptionsPerTopic: number; consumerPerSubscription: number },
): string {
  const idlePerGroup = Math.max(0, w.consumerPerSubscription - w.partitionsPerTopic);
  if (idlePerGroup === 0) return `all ${consumers} consumers have their partitions`;
  const idle = idlePerGroup * w.topics * w.subscriptionsPerTopic;
  return (
    `all ${consumers} consumers joined their groups; ${idle} of them have no partition by design ` +
    `(${w.consumerPerSubscription} consumers per subscription, ${w.partitionsPerTopic} partitions per topic: ` +
    "a partition goes to one consumer of a group)"
  );
}
