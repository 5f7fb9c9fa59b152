// One workload × driver run from start to result: plan, set up, readiness,
// load (warmup, measured, optional rate discovery and backlog test), then —
// whatever happened — stop, drain, reconcile, clean up and build the result.
import { redactDriverConfig } from "../config";
import type { LoadedDriverConfig, LoadedWorkload, Workload } from "../config/types";
import { buildTestResult } from "../result/build";
import type { JudgeOptions, TestResult } from "../result/types";
import type { Worker } from "../worker/api/worker";
import type { LoadAssignment, WorkerHealth } from "../worker/api/types";
import { type RunContext, type RunRecord } from "./run-context";
import { BoundExceeded, type Bounds, DEFAULT_BOUNDS, RunAborted } from "./bounds";
import type { RunLog } from "../report/run-log";
import { Ensemble, WorkerFailure } from "./ensemble";
import { startBacklogTest } from "./backlog";
import { keepaliveInterval, startKeepalive } from "./keepalive";
import { collectCumulative, runLoadPhase } from "./load-phase";
import { startRateDiscovery } from "./max-rate";
import { planRun, rateShares, type SubscriptionRef } from "./plan";
import { DISCOVERY_START_RATE } from "./rate-controller";
import { NotReady, awaitReadiness } from "./readiness";
import { reconcile } from "./reconcile";
import { stopLoadAndDrain, stopWorkers } from "./stop-drain";
import { clockOffsets, sampleWorkers } from "./clock-offset";
import { cleanupTopics, createTopics } from "./topics";

export interface TestSpec {
  workloadRef: LoadedWorkload;
  /** With the command line overrides applied. */
  workload: Workload;
  driverRef: LoadedDriverConfig;
}

export interface TestEnv {
  workers: Worker[];
  health: Map<string, WorkerHealth>;
  extraConsumerWorkers: boolean;
  statsIntervalMs: number;
  keepTopics: boolean;
  log: RunLog;
  signal: AbortSignal;
  bounds?: Partial<Bounds>;
  /** How the run is judged (result/verdict.ts); the defaults where not given. */
  judging?: Partial<JudgeOptions>;
}

export async function runTest(spec: TestSpec, env: TestEnv): Promise<TestResult> {
  const { workload } = spec;
  const startedAt = new Date();
  const plan = planRun(workload, { workerIds: env.workers.map((w) => w.id), extraConsumerWorkers: env.extraConsumerWorkers, startedAt });
  const ensemble = new Ensemble(env.workers, plan.roles, env.signal);
  const record: RunRecord = {
    startedAt,
    targetRate: workload.producerRate > 0 ? workload.producerRate : DISCOVERY_START_RATE,
    statsIntervalMs: env.statsIntervalMs,
    health: env.health,
    periods: [],
    perWorker: new Map(),
    producerReports: new Map(),
    stopResults: new Map(),
    crashed: new Map(),
    problems: [],
    topicsAttempted: false,
    loadStarted: false,
    measuredStarted: false,
    measuredCompleted: false,
  };
  const ctx: RunContext = { record, plan, workload, ensemble, bounds: { ...DEFAULT_BOUNDS, ...env.bounds }, log: env.log, signal: env.signal };

  const clockAtStart = await sampleWorkers(env.workers);
  const keepalive = startKeepalive(ctx, keepaliveInterval([...record.health.values()].map((h) => h.deadmanSeconds)));
  try {
    try {
      await execute(ctx, spec);
    } catch (error) {
      noteFailure(ctx, error, String(spec.driverRef.driver.commonConfig["bootstrap.servers"] ?? "the broker"));
    }
    // The measured latencies so far, also when the run was cut short.
    if (record.measuredStarted && !record.cumulative) await collectCumulative(ctx, { ignoreAbort: true });
    if (record.loadStarted) await stopLoadAndDrain(ctx);
  } finally {
    keepalive.stop();
  }
  await stopWorkers(ctx);
  const clockAtEnd = await sampleWorkers(env.workers.filter((w) => !ensemble.lost.has(w.id)));
  const stops = [...record.stopResults.values()];
  const reconciliation = reconcile({
    subscriptions: plan.subscriptions,
    producers: stops.flatMap((s) => s.producers),
    reports: stops.flatMap((s) => s.subscriptions),
    // As the driver reads them: producer settings over the common ones.
    producerConfig: { ...spec.driverRef.driver.commonConfig, ...spec.driverRef.driver.producerConfig },
    complete: record.measuredCompleted && !record.aborted && ensemble.lost.size === 0 && record.stopResults.size === ensemble.ids.length,
    unobserved: unobservedSubscriptions(ctx),
  });
  // Topics whose creation the broker never confirmed were not made (kafkajs creates them in one request).
  const topicCleanup = record.topicsCreated
    ? await cleanupTopics(ctx, env.keepTopics, spec.driverRef.driver)
    : { kept: false, deleted: [], leftovers: [], ...(record.topicsAttempted ? { notCreated: true } : {}) };

  // A Ctrl-C during stop or cleanup still makes this an interrupted run.
  if (env.signal.aborted && !record.aborted) record.aborted = String(env.signal.reason);
  return buildTestResult({
    testId: plan.testId,
    workload,
    workloadRef: spec.workloadRef,
    driverRef: spec.driverRef,
    redactedDriver: redactDriverConfig(spec.driverRef.driver),
    topicNames: plan.topics.map((t) => t.name),
    roles: plan.roles,
    workerIds: ensemble.ids,
    startedAt,
    endedAt: new Date(),
    targetRate: record.targetRate,
    statsIntervalMs: record.statsIntervalMs,
    health: record.health,
    lost: ensemble.lost,
    periods: record.periods,
    perWorker: record.perWorker,
    cumulative: record.cumulative,
    producerReports: record.producerReports,
    stopResults: record.stopResults,
    crashed: record.crashed,
    loadStarted: record.loadStarted,
    measuredCompleted: record.measuredCompleted,
    aborted: record.aborted,
    problems: record.problems,
    reconciliation,
    maxRate: record.maxRate,
    backlogTest: record.backlogTest,
    topicCleanup,
    clock: clockOffsets(clockAtStart, clockAtEnd),
    judging: env.judging,
  });
}

async function execute(ctx: RunContext, spec: TestSpec): Promise<void> {
  const { ensemble, plan, bounds, record, workload, log } = ctx;
  const withConsumers = plan.workersWithConsumers;
  const withProducers = plan.workersWithProducers;
  log.info(
    `test ${plan.testId}: ${plan.producerCount} producers on [${withProducers.join(", ")}], ` +
      `${Object.values(plan.consumersByWorker).flat().length} consumers in ${plan.subscriptions.length} subscriptions on [${withConsumers.join(", ")}]`,
  );
  log.progress({ phase: "setup", elapsedSeconds: 0, totalSeconds: 0, targetRate: record.targetRate });
  await ensemble.require(ensemble.ids, "initialize driver", (w) => w.initializeDriver(spec.driverRef.driver), bounds.setupCall);
  record.topicsAttempted = true;
  await createTopics(ctx);
  record.topicsCreated = true;
  await ensemble.require(withConsumers, "create consumers", (w) => w.createConsumers(plan.consumersByWorker[w.id]!), bounds.setupCall);
  await ensemble.require(withProducers, "create producers", (w) => w.createProducers(plan.producersByWorker[w.id]!), bounds.setupCall);
  await awaitReadiness(ctx);

  const shares = rateShares(plan, record.targetRate);
  const assignment = (rate: number): LoadAssignment => ({ workerRate: rate, payload: payloadOf(spec), keyDistributor: workload.keyDistributor });
  record.loadStarted = true;
  await ensemble.require(Object.keys(shares), "start load", (w) => w.startLoad(assignment(shares[w.id]!)), bounds.setupCall);
  log.info(workload.producerRate > 0 ? `load started at ${record.targetRate} msg/s` : `load started; finding the maximum sustainable rate from ${record.targetRate} msg/s`);
  const discovery = workload.producerRate > 0 ? undefined : startRateDiscovery(ctx, record.targetRate);
  let backlog: ReturnType<typeof startBacklogTest> | undefined;
  try {
    if (workload.warmupDurationSeconds > 0) {
      log.info(`----- warmup (${workload.warmupDurationSeconds} s) -----`);
      if ((await runLoadPhase(ctx, { phase: "warmup", durationMs: workload.warmupDurationSeconds * 1000 })) !== "completed") return;
    }
    await ensemble.require(ensemble.alive(), "reset stats", (w) => w.resetStats(), bounds.quickCall);
    record.measuredStarted = true;
    const durationMs = workload.testDurationSeconds * 1000;
    const withBacklog = workload.consumerBacklogSizeGB > 0 ? startBacklogTest(ctx, durationMs) : undefined;
    backlog = withBacklog;
    // A backlog test prints the headers of its own phases (build, drain, benchmark).
    if (!withBacklog) log.info(`----- benchmark (${workload.testDurationSeconds} s) -----`);
    const end = await runLoadPhase(ctx, {
      phase: "measured",
      durationMs,
      holdOpen: withBacklog && (() => !withBacklog.done),
      cutShort: withBacklog && (() => withBacklog.failed),
    });
    await collectCumulative(ctx);
    if (record.cumulative) log.aggregated(record.cumulative);
    record.measuredCompleted = end === "completed" && ensemble.lost.size === 0;
  } finally {
    await discovery?.stop();
    await backlog?.stop();
  }
}

/** Subscriptions with a consumer on a worker that gave no final report, or in a child process that died. */
function unobservedSubscriptions({ plan, record, ensemble }: RunContext): SubscriptionRef[] {
  const out: SubscriptionRef[] = [];
  for (const [workerId, consumers] of Object.entries(plan.consumersByWorker)) {
    const silent = ensemble.lost.has(workerId) || !record.stopResults.has(workerId);
    const crashed = new Set((record.crashed.get(workerId) ?? []).flatMap((c) => c.consumers));
    out.push(...consumers.filter((c) => silent || crashed.has(c.id)));
  }
  return out;
}

function payloadOf(spec: TestSpec): LoadAssignment["payload"] {
  const { workload } = spec;
  if (spec.workloadRef.payload) return { kind: "file", base64: Buffer.from(spec.workloadRef.payload).toString("base64") };
  if (workload.useRandomizedPayloads) {
    return { kind: "random", size: workload.messageSize, randomBytesRatio: workload.randomBytesRatio, poolSize: workload.randomizedPayloadPoolSize };
  }
  return { kind: "zeros", size: workload.messageSize };
}

function noteFailure(ctx: RunContext, error: unknown, bootstrap: string): void {
  if (error instanceof RunAborted) {
    ctx.record.aborted = error.signal;
    ctx.log.warn(`${error.signal}: stopping the workers and cleaning up`);
    return;
  }
  const known = error instanceof WorkerFailure || error instanceof NotReady || error instanceof BoundExceeded;
  const message = known ? (error as Error).message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
  const line = ctx.record.loadStarted ? message : neverStarted(error, message, bootstrap);
  ctx.record.problems.push(line);
  ctx.log.warn(line);
}

const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT|Connection error|Connection timeout|connect to seed broker|Closed connection/i;

/**
 * A run that never started in one line: the bootstrap address and the cause,
 * not the chain of worker, HTTP and child-process wrappers around it.
 */
function neverStarted(error: unknown, message: string, bootstrap: string): string {
  if (!(error instanceof WorkerFailure)) return message;
  // The wrappers of the HTTP call, the child process and the driver call, outermost first.
  const cause = error.reason
    .replace(/^(GET|POST) \S+ answered \d+: /, "")
    .replace(/^child \d+ \(pid \d+\): /, "")
    .replace(/^\w+ failed: /, "");
  return UNREACHABLE.test(error.reason)
    ? `broker ${bootstrap} unreachable (${error.what}): ${cause}`
    : `${error.what} failed on ${bootstrap}: ${cause} (worker ${error.workerId})`;
}
