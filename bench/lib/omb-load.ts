// One producer-only load phase on an `omb worker`, driven through the HTTP
// client as the coordinator drives it: driver, a fresh topic, producers, load,
// a warmup whose stats are dropped, then one period-stats read per second.
// Topic and children are removed afterwards whatever happened.
import type { DriverConfig } from "../../src/config/types";
import { decodeHistogram, type LatencySummary, summarizeHistogram } from "../../src/stats/histogram";
import type { HttpWorker } from "../../src/worker/client/http-worker";
import type { LoadAssignment } from "../../src/worker/api/types";
import { fmt, MESSAGE_SIZE, PARTITIONS } from "./bench-env";
import { type CpuWindow, cpuWindow, type NamedProcess } from "./proc-cpu";

export interface LoadPhase {
  driver: DriverConfig;
  topic: string;
  producers: number;
  /** msg/s for the whole worker, split evenly over its producers. */
  rate: number;
  warmupSeconds: number;
  seconds: number;
  workerPid: number;
  brokerPid: number;
  /** One line per second. */
  log(line: string): void;
}

export interface LoadOutcome {
  /** Acked msg/s over the measured seconds. */
  ackedRate: number;
  sentRate: number;
  /** Acked msg/s of each measured period. */
  perSecond: number[];
  sendErrors: number;
  publishLatency: LatencySummary;
  publishDelay: LatencySummary;
  intendedPublishLatency: LatencySummary;
  cpu: CpuWindow;
}

export async function runLoadPhase(worker: HttpWorker, phase: LoadPhase): Promise<LoadOutcome> {
  await worker.initializeDriver(phase.driver);
  try {
    await worker.createTopics([{ name: phase.topic, partitions: PARTITIONS }]);
    try {
      return await measure(worker, phase);
    } finally {
      await worker.stopLoad().catch((e: Error) => phase.log(`stop-load failed: ${e.message}`));
      const left = await worker.deleteTopics([phase.topic]).catch((e: Error) => [{ name: phase.topic, error: e.message }]);
      for (const { name, error } of left) phase.log(`topic ${name} not deleted: ${error}`);
    }
  } finally {
    await worker.stop();
  }
}

async function measure(worker: HttpWorker, phase: LoadPhase): Promise<LoadOutcome> {
  const ids = Array.from({ length: phase.producers }, (_, i) => `bench-p${i}`);
  await worker.createProducers(ids.map((id) => ({ id, topic: phase.topic })));
  const children = (await worker.health()).children ?? [];
  const processes: NamedProcess[] = [
    { name: "worker (control)", pid: phase.workerPid },
    ...children.map((c) => ({ name: `child ${c.index} (${c.producers} producers)`, pid: c.pid })),
    { name: "broker (JVM)", pid: phase.brokerPid },
  ];
  const assignment: LoadAssignment = {
    workerRate: phase.rate,
    payload: { kind: "random", size: MESSAGE_SIZE, randomBytesRatio: 0.5, poolSize: 100 },
    keyDistributor: "NO_KEY",
    pacing: { mode: "uniform" },
  };
  await worker.startLoad(assignment);
  const tick = ticker();
  for (let s = 1; s <= phase.warmupSeconds; s++) {
    await tick();
    phase.log(`warmup ${s}/${phase.warmupSeconds} s: ${periodLine(await worker.periodStats())}`);
  }
  await worker.resetStats();
  const cpu = cpuWindow(processes);
  const perSecond: number[] = [];
  let acked = 0;
  let sent = 0;
  let sendErrors = 0;
  let seconds = 0;
  for (let s = 1; s <= phase.seconds; s++) {
    await tick();
    const period = await worker.periodStats();
    const duration = (period.endedAt - period.startedAt) / 1000;
    const periodAcked = decodeHistogram(period.publishLatency).totalCount;
    if (period.crashed.length > 0) throw new Error(`worker children crashed: ${JSON.stringify(period.crashed)}`);
    perSecond.push(periodAcked / duration);
    acked += periodAcked;
    sent += period.messagesSent;
    sendErrors += period.messageSendErrors;
    seconds += duration;
    phase.log(`${s}/${phase.seconds} s: ${periodLine(period)}`);
  }
  const cpuUse = cpu.end();
  const cumulative = await worker.cumulativeLatencies();
  return {
    ackedRate: acked / seconds,
    sentRate: sent / seconds,
    perSecond,
    sendErrors,
    publishLatency: summarizeHistogram(decodeHistogram(cumulative.publishLatency)),
    publishDelay: summarizeHistogram(decodeHistogram(cumulative.publishDelay)),
    intendedPublishLatency: summarizeHistogram(decodeHistogram(cumulative.intendedPublishLatency)),
    cpu: cpuUse,
  };
}

/** Resolves at whole seconds after its creation, so reads do not drift by their own duration. */
function ticker(): () => Promise<void> {
  const start = performance.now();
  let n = 0;
  return () => Bun.sleep(Math.max(0, start + ++n * 1000 - performance.now()));
}

function periodLine(period: Awaited<ReturnType<HttpWorker["periodStats"]>>): string {
  const duration = (period.endedAt - period.startedAt) / 1000;
  const latency = summarizeHistogram(decodeHistogram(period.publishLatency));
  const delay = summarizeHistogram(decodeHistogram(period.publishDelay));
  return (
    `acked ${fmt(latency.count / duration)} msg/s, sent ${fmt(period.messagesSent / duration)} msg/s, ` +
    `publish latency p50 ${fmt(latency.p50 / 1000, 1)} ms p99 ${fmt(latency.p99 / 1000, 1)} ms, ` +
    `publish delay p99 ${fmt(delay.p99 / 1000, 1)} ms` +
    (period.messageSendErrors ? `, ${period.messageSendErrors} send errors` : "")
  );
}
