// How `omb coordinate` holds many workers: 64 `omb worker`s on this host (one
// child process each) under a light load, driven by the real coordinator
// binary. Figures: the coordinator's time to pull one period from every worker
// and merge it (from the result's statsPull), against the 10 % of the stats
// interval that keeps period lines on time; the coordinator's CPU and RSS; the
// workers' extra CPU per stats pull (the CPU burst around each pull over their
// steady use); and what a slow worker costs the others: one worker is stopped
// (SIGSTOP) for a few seconds across one pull (its period comes late by about
// that, the run goes on), then for longer than the pull bound (it is named lost
// one bound after the pull began and the run ends incomplete, exit 1).
// The broker is the bench's own (1,024 producers and as many consumers are more
// than the shared one should carry while others' tests use it). Every process
// started here is ended at the end, on failure and on SIGINT/SIGTERM; setpriv
// makes the kernel end workers and coordinator if this process is killed.
//
//   flock /tmp/omb-bench.lock bun bench/coordinator-scale.ts [--workers 64] [--producers 1024] [--consumers 1024]
//       [--topics 64] [--partitions 16] [--rate 6400] [--message-size 1024] [--warmup 30] [--duration 120] [--stats-interval 10] [--no-stalls]
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { periodPullBound } from "../src/coordinator/load-phase";
import { streamLines } from "../src/stream-lines";
import { benchHeader, fmt, median, positiveInt } from "./lib/bench-env";
import { loadAverage } from "./lib/proc-cpu";
import { type PrivateBroker, startPrivateBroker } from "./lib/private-broker";
import { sampleTrees, type TreeSample } from "./lib/tree-sampler";
import { diesWithBench, ombProgram, startWorker, type WorkerProcess } from "./lib/worker-process";

const { values: args } = parseArgs({
  options: {
    workers: { type: "string", default: "64" },
    producers: { type: "string", default: "1024" },
    consumers: { type: "string", default: "1024" },
    topics: { type: "string", default: "64" },
    partitions: { type: "string", default: "16" },
    rate: { type: "string", default: "6400" },
    "message-size": { type: "string", default: "1024" },
    warmup: { type: "string", default: "30" },
    duration: { type: "string", default: "120" },
    "stats-interval": { type: "string", default: "10" },
    "no-stalls": { type: "boolean", default: false },
  },
});
const workerCount = positiveInt("--workers", args.workers);
const producers = positiveInt("--producers", args.producers);
const consumers = positiveInt("--consumers", args.consumers);
const topics = positiveInt("--topics", args.topics);
const partitions = positiveInt("--partitions", args.partitions);
const rate = positiveInt("--rate", args.rate);
const messageSize = positiveInt("--message-size", args["message-size"]);
const warmupS = positiveInt("--warmup", args.warmup);
const durationS = positiveInt("--duration", args.duration);
const intervalS = positiveInt("--stats-interval", args["stats-interval"]);
const stalls = !args["no-stalls"];

if (producers % topics || consumers % topics) {
  console.error(`--producers and --consumers must be multiples of --topics (${topics})`);
  process.exit(2);
}
const intervalMs = intervalS * 1000;
const warmupPeriods = Math.floor(warmupS / intervalS);
const measuredPeriods = Math.floor(durationS / intervalS);
/** The coordinator's per-worker bound on a period pull (its default stats-call bound is 30 s). */
const pullBoundMs = periodPullBound(intervalMs, 30_000);
/** Measured periods whose pull the stalls hit: a short stall early, the long one later. */
const SHORT_STALL = { afterPeriod: warmupPeriods + 3, ms: 4000 };
const LONG_STALL = { afterPeriod: warmupPeriods + Math.max(6, measuredPeriods - 3) };
/**
 * A stall begins this long before the next pull is due, counted from the last
 * period line. That line comes pull + merge after its own pull began (over a
 * second when 64 busy workers share 2 cores), so the lead must exceed that for
 * the stall to cover the next pull.
 */
const STALL_LEAD_MS = 2000;
const COORDINATOR_LIMIT_MS = (warmupS + durationS) * 1000 + 20 * 60_000;
const SAMPLE_MS = 500;
/** The machine is shared: below this much available memory no more workers start, and a run is interrupted. */
const MIN_AVAILABLE_BYTES = 3 * 2 ** 30;
const PERIOD_LINE = /Pub rate .* msg\/s/;
const LOST_LINE = /worker (\S+) lost: /;

const workers: WorkerProcess[] = [];
let broker: PrivateBroker | undefined;
let coordinator: ReturnType<typeof Bun.spawn> | undefined;
let cleaning: Promise<void> | undefined;
const cleanup = () =>
  (cleaning ??= (async () => {
    coordinator?.kill("SIGKILL");
    // A stopped worker must run again to hear SIGTERM.
    for (const w of workers) tryKill(w.pid, "SIGCONT");
    await Promise.all(workers.map((w) => w.stop().catch((e: Error) => console.error(`worker ${w.url}: ${e.message}`))));
    await broker?.stop().catch((e: Error) => console.error(`bench broker: ${e.message}`));
  })());
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    console.error(`${signal}: ending every process the bench started`);
    void cleanup().then(() => process.exit(130));
  });
}

try {
  await main();
} catch (error) {
  console.error(`coordinator-scale: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
// The signal handlers would keep this process alive.
process.exit();

async function main(): Promise<void> {
  const program = ombProgram();
  for (const line of await benchHeader("coordinator scale", `${workerCount} × ${program.join(" ")} worker --processes 1`)) console.log(line);
  console.log(
    `${producers} producers and ${consumers} consumers over ${topics} topics of ${partitions} partitions; ${fmt(rate)} msg/s in all ` +
      `(${fmt(rate / producers, 2)} msg/s per producer), ${messageSize}-byte messages; warmup ${warmupS} s, measured ${durationS} s, ` +
      `stats interval ${intervalS} s (pull bound ${pullBoundMs / 1000} s)`,
  );

  broker = await startPrivateBroker("coordinator-scale", "1g");
  console.log(`bench broker ${broker.bootstrap} (pid ${broker.pid})`);

  const started = performance.now();
  for (let i = 0; i < workerCount; i += 8) {
    if (availableMemory() < MIN_AVAILABLE_BYTES) {
      throw new Error(`only ${fmt(availableMemory() / 2 ** 30, 1)} GiB of memory left after ${workers.length} workers: run fewer (--workers)`);
    }
    const batch = Array.from({ length: Math.min(8, workerCount - i) }, (_, j) => startWorker(1, { id: `w${String(i + j).padStart(2, "0")}` }));
    for (const outcome of await Promise.allSettled(batch)) {
      if (outcome.status === "fulfilled") workers.push(outcome.value);
      else throw outcome.reason;
    }
  }
  console.log(`${workers.length} workers listening after ${((performance.now() - started) / 1000).toFixed(1)} s; load average ${loadAverage()}`);

  const dir = mkdtempSync(join(tmpdir(), "omb-coordinator-scale-"));
  const workloadPath = join(dir, "workload.yaml");
  writeFileSync(workloadPath, workloadYaml());
  const argv = [
    ...diesWithBench(),
    ...program,
    "coordinate",
    "-d",
    "throughput",
    "-w",
    workers.map((w) => w.url).join(","),
    "--bootstrap-servers",
    broker.bootstrap,
    "--warmup",
    `${warmupS}s`,
    "--duration",
    `${durationS}s`,
    "--stats-interval",
    `${intervalS}s`,
    "--format",
    "json",
    "-o",
    dir,
    workloadPath,
  ];
  const proc = Bun.spawn(argv, { stdin: "ignore", stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1", NODE_ENV: "production" } });
  coordinator = proc;
  const guard = setInterval(() => {
    if (availableMemory() >= MIN_AVAILABLE_BYTES) return;
    console.error(`only ${fmt(availableMemory() / 2 ** 30, 1)} GiB of memory left: interrupting the run (the machine is shared)`);
    proc.kill("SIGINT");
  }, 2000);
  const sampler = sampleTrees(() => ({ coordinator: [proc.pid], workers: workers.map((w) => w.pid), broker: [broker!.pid] }), SAMPLE_MS);

  const periodTimes: number[] = [];
  const stallLog: string[] = [];
  let lostAt: number | undefined;
  let lostStall: { worker: WorkerProcess; stoppedAt: number } | undefined;
  const stalled = workers.at(-1)!;
  const onLine = (line: string) => {
    console.log(`  [coordinator] ${line}`);
    if (LOST_LINE.test(line) && lostAt === undefined) {
      lostAt = performance.now();
      if (lostStall) {
        tryKill(lostStall.worker.pid, "SIGCONT");
        stallLog.push(`long stall: ${lostStall.worker.url} resumed once named lost, ${((lostAt - lostStall.stoppedAt) / 1000).toFixed(1)} s after it was stopped`);
      }
    }
    if (!PERIOD_LINE.test(line)) return;
    periodTimes.push(performance.now());
    if (!stalls) return;
    const n = periodTimes.length;
    if (n === SHORT_STALL.afterPeriod) {
      setTimeout(() => {
        tryKill(stalled.pid, "SIGSTOP");
        stallLog.push(`short stall: ${stalled.url} stopped ${SHORT_STALL.ms / 1000} s across the pull of period ${n + 1}`);
        setTimeout(() => tryKill(stalled.pid, "SIGCONT"), SHORT_STALL.ms);
      }, intervalMs - STALL_LEAD_MS);
    }
    if (n === LONG_STALL.afterPeriod) {
      setTimeout(() => {
        tryKill(stalled.pid, "SIGSTOP");
        lostStall = { worker: stalled, stoppedAt: performance.now() };
        stallLog.push(`long stall: ${stalled.url} stopped across the pull of period ${n + 1} until the coordinator names it lost`);
        // Resumed anyway after twice the bound: the coordinator must not wait for it.
        setTimeout(() => tryKill(stalled.pid, "SIGCONT"), 2 * pullBoundMs + STALL_LEAD_MS);
      }, intervalMs - STALL_LEAD_MS);
    }
  };
  const pumps = [pump(proc.stdout, onLine), pump(proc.stderr, onLine)];
  const exit = await Promise.race([proc.exited, Bun.sleep(COORDINATOR_LIMIT_MS).then(() => "timeout" as const)]);
  if (exit === "timeout") throw new Error(`omb coordinate still running after ${COORDINATOR_LIMIT_MS / 60_000} min`);
  await Promise.all(pumps);
  clearInterval(guard);
  const samples = sampler.stop();
  report({ exit, dir, samples, periodTimes, lostAt, stallLog });
}

interface Outcome {
  exit: number;
  dir: string;
  samples: TreeSample[];
  periodTimes: number[];
  lostAt: number | undefined;
  stallLog: string[];
}

interface ResultPeriod {
  phase: "warmup" | "measured";
  statsPull?: { workers: number; pullMs: number; mergeMs: number };
}

function report(o: Outcome): void {
  const file = readdirSync(o.dir).find((f) => f.endsWith(".json"));
  if (!file) throw new Error(`omb coordinate exited ${o.exit} and wrote no result in ${o.dir}`);
  const result = JSON.parse(readFileSync(join(o.dir, file), "utf8"));
  const periods: ResultPeriod[] = result.omb.periods;
  console.log(`\nresult ${join(o.dir, file)}: status ${result.omb.status}, exit ${o.exit}; load average ${loadAverage()}`);
  for (const line of o.stallLog) console.log(line);

  // The short stall's period is the one after SHORT_STALL.afterPeriod lines; the long stall's is left out of the result.
  const shortStalled = stalls ? SHORT_STALL.afterPeriod : -1;
  const steady = periods.map((p, i) => ({ p, i })).filter(({ p, i }) => p.phase === "measured" && p.statsPull && i !== shortStalled);
  if (steady.length === 0) throw new Error(`no measured period without a stall to report: the run did not get that far (see its log above)`);
  const costs = steady.map(({ p }) => p.statsPull!.pullMs + p.statsPull!.mergeMs);
  const pulls = steady.map(({ p }) => p.statsPull!.pullMs);
  const merges = steady.map(({ p }) => p.statsPull!.mergeMs);
  console.log(`\n## period pull over ${steady[0]?.p.statsPull?.workers ?? 0} workers, ${steady.length} measured periods without a stall`);
  console.log(`pull  median ${fmt(median(pulls), 1)} ms, max ${fmt(Math.max(...pulls), 1)} ms`);
  console.log(`merge median ${fmt(median(merges), 1)} ms, max ${fmt(Math.max(...merges), 1)} ms`);
  console.log(
    `pull + merge median ${fmt(median(costs), 1)} ms, max ${fmt(Math.max(...costs), 1)} ms = ${fmt((Math.max(...costs) / intervalMs) * 100, 2)} % ` +
      `of the ${intervalS} s interval (on time: < 10 %) → ${Math.max(...costs) < intervalMs / 10 ? "ON TIME" : "LATE"}`,
  );
  if (stalls && periods[shortStalled]?.statsPull) {
    const s = periods[shortStalled]!.statsPull!;
    console.log(`short stall (${SHORT_STALL.ms / 1000} s, from ${STALL_LEAD_MS} ms before the pull): that period's pull took ${fmt(s.pullMs, 0)} ms; the run went on`);
  }
  if (stalls && o.lostAt !== undefined) {
    // Ticks are absolute: the long-stalled pull began one interval after the due time of the last period line before it.
    const last = LONG_STALL.afterPeriod - 1;
    const lastCost = (periods[last]?.statsPull?.pullMs ?? 0) + (periods[last]?.statsPull?.mergeMs ?? 0);
    const pullStart = o.periodTimes[last]! - lastCost + intervalMs;
    console.log(`long stall: named lost ${fmt((o.lostAt - pullStart) / 1000, 1)} s after its pull began (bound ${pullBoundMs / 1000} s); run ${result.omb.status}, exit ${o.exit}`);
  }

  const measured = window(o, warmupPeriods, stalls ? LONG_STALL.afterPeriod : o.periodTimes.length);
  if (measured) {
    const coord = groupDelta(measured, "coordinator");
    const work = groupDelta(measured, "workers");
    const brk = groupDelta(measured, "broker");
    const periodsIn = measured.periods;
    console.log(`\n## CPU over ${fmt(measured.seconds, 1)} s of measured periods (100 % = one core)`);
    console.log(`coordinator ${fmt(coord.percent, 1)} % (${fmt(coord.cpuMs / periodsIn, 0)} ms CPU per period); workers ${fmt(work.percent, 0)} % in all; broker ${fmt(brk.percent, 0)} %`);
  }
  const peak = (group: string) => Math.max(...o.samples.map((s) => s.groups[group]?.rssBytes ?? 0));
  const processes = Math.max(...o.samples.map((s) => s.groups.workers?.processes ?? 0));
  console.log(
    `RSS peak: coordinator ${fmt(peak("coordinator") / 2 ** 20, 0)} MiB; workers ${fmt(peak("workers") / 2 ** 30, 2)} GiB in all ` +
      `(${processes} processes, ${fmt(peak("workers") / workerCount / 2 ** 20, 0)} MiB per worker); broker ${fmt(peak("broker") / 2 ** 20, 0)} MiB`,
  );
  workerPullCost(o, periods, shortStalled);
}

/** The samples from the n-th period line to the m-th (1-based). */
function window(o: Outcome, fromLine: number, toLine: number): { first: TreeSample; last: TreeSample; seconds: number; periods: number } | undefined {
  const from = o.periodTimes[fromLine - 1];
  const to = o.periodTimes[toLine - 1];
  if (from === undefined || to === undefined || toLine <= fromLine) return undefined;
  const first = o.samples.find((s) => s.at >= from);
  const last = o.samples.findLast((s) => s.at <= to);
  if (!first || !last || last.at <= first.at) return undefined;
  return { first, last, seconds: (last.at - first.at) / 1000, periods: toLine - fromLine };
}

function groupDelta(w: { first: TreeSample; last: TreeSample; seconds: number }, group: string): { cpuMs: number; percent: number } {
  const cpuMs = ((w.last.groups[group]?.cpuSeconds ?? 0) - (w.first.groups[group]?.cpuSeconds ?? 0)) * 1000;
  return { cpuMs, percent: cpuMs / 10 / w.seconds };
}

/**
 * The workers' CPU in the sample steps that hold a pull, over their steady rate
 * in the steps away from any pull: the extra CPU a stats pull costs, per worker.
 */
function workerPullCost(o: Outcome, periods: ResultPeriod[], shortStalled: number): void {
  const steps = o.samples.slice(1).map((s, i) => {
    const prev = o.samples[i]!;
    return { start: prev.at, end: s.at, cpuMs: ((s.groups.workers?.cpuSeconds ?? 0) - (prev.groups.workers?.cpuSeconds ?? 0)) * 1000 };
  });
  const pullSpans = o.periodTimes
    .map((end, i) => ({ i, end, cost: (periods[i]?.statsPull?.pullMs ?? 0) + (periods[i]?.statsPull?.mergeMs ?? 0) }))
    .filter(({ i }) => periods[i]?.phase === "measured" && i !== shortStalled)
    .map(({ end, cost }) => ({ start: end - cost, end }));
  const near = (s: { start: number; end: number }, margin: number) => pullSpans.some((p) => s.end > p.start - margin && s.start < p.end + margin);
  const firstMeasured = o.periodTimes[warmupPeriods - 1] ?? Infinity;
  const lastSteady = pullSpans.at(-1)?.end ?? 0;
  const quiet = steps.filter((s) => s.start >= firstMeasured && s.end <= lastSteady && !near(s, 1500));
  const quietRate = quiet.reduce((a, s) => a + s.cpuMs, 0) / quiet.reduce((a, s) => a + (s.end - s.start), 0);
  const extras = pullSpans.map((p) => {
    const hit = steps.filter((s) => s.end > p.start && s.start < p.end);
    const cpu = hit.reduce((a, s) => a + s.cpuMs, 0);
    const span = hit.reduce((a, s) => a + (s.end - s.start), 0);
    return (cpu - quietRate * span) / workerCount;
  });
  if (!extras.length || !quiet.length) return;
  console.log(
    `\n## worker-side cost of a stats pull (CPU around each pull over the steady ${fmt(quietRate * 100, 0)} % of the ${workerCount} workers, ${SAMPLE_MS} ms samples)`,
  );
  console.log(
    `per worker per pull: median ${fmt(median(extras), 1)} ms CPU (min ${fmt(Math.min(...extras), 1)}, max ${fmt(Math.max(...extras), 1)}; ` +
      `${extras.length} pulls); steady use ${fmt((quietRate * 100) / workerCount, 1)} % of a core per worker`,
  );
}

function workloadYaml(): string {
  const perTopic = (n: number) => n / topics;
  return [
    `name: coordinator scale ${workerCount} workers`,
    `topics: ${topics}`,
    `partitionsPerTopic: ${partitions}`,
    `messageSize: ${messageSize}`,
    "useRandomizedPayloads: true",
    "randomBytesRatio: 0.5",
    "randomizedPayloadPoolSize: 100",
    `producersPerTopic: ${perTopic(producers)}`,
    `producerRate: ${rate}`,
    "subscriptionsPerTopic: 1",
    `consumerPerSubscription: ${perTopic(consumers)}`,
    `testDurationMinutes: ${Math.ceil(durationS / 60)}`,
    "",
  ].join("\n");
}

/** MemAvailable of /proc/meminfo, in bytes. */
function availableMemory(): number {
  return Number(/MemAvailable:\s+(\d+) kB/.exec(readFileSync("/proc/meminfo", "utf8"))?.[1] ?? 0) * 1024;
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone: nothing to stop or resume.
  }
}

async function pump(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  for await (const line of streamLines(stream)) onLine(line);
}
