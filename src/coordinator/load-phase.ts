// Warmup and measured phases: load runs continuously on the workers; every
// stats interval the coordinator pulls each worker's period stats, merges them
// and keeps one period of figures. A worker that fails to answer, or reports a
// dead child, ends the phase early: the run continues to stop with the others.
import { mergeCumulativeLatencies, mergePeriodStats } from "../stats/merge";
import { periodFigures, type Phase } from "../result/period";
import type { WorkerPeriodStats } from "../worker/api/types";
import { formatMs, sleep, throwIfAborted } from "./bounds";
import type { RunContext } from "./run-context";

export interface LoadPhaseOptions {
  phase: Phase;
  durationMs: number;
  /** Keeps the phase running past its duration while true (a backlog still draining). */
  holdOpen?: () => boolean;
  /** Ends the phase at the next period when true (a backlog test that failed: nothing more to measure). */
  cutShort?: () => boolean;
}

export type LoadPhaseEnd = "completed" | "worker-lost";

const PROGRESS_EVERY_MS = 1000;
const HEARTBEAT_MS = 15_000;
/** A worker gets at least this long to hand over a period, however short the interval. */
const MIN_PULL_BOUND_MS = 5000;
/** Pull and merge past this share of the interval make the period lines late: said once per phase. */
const LATE_SHARE = 0.1;

/**
 * How long one worker may take to answer a period-stats pull: one stats interval
 * (at least 5 s, at most the stats bound). The pull asks every worker at once, so
 * a worker that cannot keep up with the period lines is lost after this bound
 * instead of holding up everyone's figures — and the others keep getting calls
 * well within their deadman switch.
 */
export function periodPullBound(statsIntervalMs: number, statsBoundMs: number): number {
  return Math.min(statsBoundMs, Math.max(MIN_PULL_BOUND_MS, statsIntervalMs));
}

export async function runLoadPhase(ctx: RunContext, options: LoadPhaseOptions): Promise<LoadPhaseEnd> {
  const { ensemble, bounds, signal, record } = ctx;
  const interval = record.statsIntervalMs;
  const started = performance.now();
  const end = started + options.durationMs;
  const pullBound = periodPullBound(interval, bounds.statsCall);
  let lateSaid = false;
  const progress = setInterval(() => {
    ctx.log.progress({
      phase: options.phase,
      elapsedSeconds: (performance.now() - started) / 1000,
      totalSeconds: options.durationMs / 1000,
      latest: record.periods.at(-1),
      targetRate: record.targetRate,
    });
  }, PROGRESS_EVERY_MS);
  try {
    for (let tick = 1; ; tick++) {
      // Absolute schedule: periods do not drift by the time each pull takes.
      const held = options.holdOpen?.() ?? false;
      const due = held ? started + tick * interval : Math.min(started + tick * interval, end);
      await waitUntil(ctx, due);

      const pullStarted = performance.now();
      const pulled = await ensemble.call(ensemble.ids, "period stats", (w) => w.periodStats(), pullBound, { markLost: true });
      const pullMs = performance.now() - pullStarted;
      for (const [id, reason] of pulled.failures) ctx.log.warn(`worker ${id} lost: ${reason}`);
      // Lost here or in another step running beside this one (rate control, backlog):
      // this period lacks that worker's share, so it is left out of the series.
      if (noteCrashes(ctx, pulled.results) || ensemble.lost.size > 0) {
        record.problems.push(`the ${options.phase} period ending ${new Date().toISOString()} was left out: it lacks the figures of a lost worker or child process`);
        return "worker-lost";
      }
      const merged = mergePeriodStats([...pulled.results.values()]);
      const figures = periodFigures(merged, ctx.workload.subscriptionsPerTopic, options.phase);
      figures.statsPull = { workers: pulled.results.size, pullMs, mergeMs: performance.now() - pullStarted - pullMs };
      if (!lateSaid && pullMs + figures.statsPull.mergeMs > LATE_SHARE * interval) {
        lateSaid = true;
        ctx.log.warn(
          `period stats of ${pulled.results.size} workers took ${formatMs(pullMs)} to pull and ${formatMs(figures.statsPull.mergeMs)} to merge, ` +
            `over ${LATE_SHARE * 100} % of the ${formatMs(interval)} stats interval: the period lines run late (a longer --stats-interval helps)`,
        );
      }
      record.periods.push(figures);
      ctx.log.period(figures);
      if (options.phase === "measured") {
        addWorkerTotals(ctx, pulled.results);
        record.measuredLatencies = mergeCumulativeLatencies(record.measuredLatencies ? [record.measuredLatencies, merged] : [merged]);
      }
      if (options.cutShort?.()) return "completed";
      if (performance.now() >= end - 1 && !(options.holdOpen?.() ?? false)) return "completed";
    }
  } finally {
    clearInterval(progress);
  }
}

/**
 * Sleeps until `due`, calling every worker at least every HEARTBEAT_MS: a long
 * stats interval must neither trip the workers' deadman switch nor hide a dead
 * worker until the next pull.
 */
async function waitUntil(ctx: RunContext, due: number): Promise<void> {
  for (;;) {
    const left = due - performance.now();
    // The last stretch is slept whole: a timer that fires a little early must not cost a heartbeat.
    await sleep(Math.min(left, HEARTBEAT_MS), ctx.signal);
    throwIfAborted(ctx.signal);
    if (left <= HEARTBEAT_MS || ctx.ensemble.lost.size > 0) return;
    await ctx.ensemble.call(ctx.ensemble.ids, "counters", (w) => w.counters(), ctx.bounds.quickCall, { markLost: true });
  }
}

/**
 * Latencies since the end of warmup, merged over the workers (Java OMB's
 * cumulative latencies). When a worker or child is lost, its latencies live on
 * only in the periods already pulled, so their merge is used instead.
 */
export async function collectCumulative(ctx: RunContext, options: { ignoreAbort?: boolean } = {}): Promise<void> {
  const { ensemble, bounds, record } = ctx;
  const complete = () => ensemble.lost.size === 0 && [...record.crashed.values()].every((c) => c.length === 0);
  if (complete()) {
    const outcome = await ensemble.call(ensemble.ids, "cumulative latencies", (w) => w.cumulativeLatencies(), bounds.statsCall, {
      markLost: true,
      ignoreAbort: options.ignoreAbort,
    });
    noteCrashes(ctx, outcome.results);
    if (complete()) {
      record.cumulative = mergeCumulativeLatencies([...outcome.results.values()]);
      return;
    }
  }
  record.cumulative = record.measuredLatencies;
  if (record.cumulative) record.problems.push("aggregated latencies are merged from the measured periods pulled before the loss");
}

function addWorkerTotals(ctx: RunContext, results: Map<string, WorkerPeriodStats>): void {
  for (const [id, stats] of results) {
    const totals = ctx.record.perWorker.get(id) ?? { messagesSent: 0, messagesReceived: 0, publishErrors: 0, system: [] };
    totals.messagesSent += stats.messagesSent;
    totals.messagesReceived += stats.messagesReceived;
    totals.publishErrors += stats.messageSendErrors;
    totals.system.push(...stats.system);
    ctx.record.perWorker.set(id, totals);
  }
}

/** Records child processes that died; true when there are any (the run is then incomplete). */
export function noteCrashes(ctx: RunContext, answers: Map<string, { crashed: WorkerPeriodStats["crashed"] }>): boolean {
  let any = false;
  for (const [id, answer] of answers) {
    if (answer.crashed.length === 0) continue;
    any = true;
    const known = ctx.record.crashed.get(id)?.length ?? 0;
    if (answer.crashed.length > known) {
      for (const c of answer.crashed.slice(known)) {
        ctx.log.warn(
          `worker ${id}: child process ${c.child} died (${c.signal ?? `exit ${c.exitCode}`}) ` +
            `with producers [${c.producers.join(", ")}] and consumers [${c.consumers.join(", ")}]`,
        );
      }
      ctx.record.crashed.set(id, answer.crashed);
    }
  }
  return any;
}
