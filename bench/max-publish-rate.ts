// The most messages per second omb's worker gets acked by the local broker,
// next to what Kafka's own Java producer benchmark (ProducerPerformance) gets
// from the same broker with the same producer settings (acks=1, linger.ms=5,
// batch.size=64 KiB, 1 KiB records, a fresh 16-partition topic, no keys).
// Prints each figure, the CPU each process used, and omb / ProducerPerformance.
//
//   bun bench/max-publish-rate.ts [--seconds 20] [--warmup 5] [--processes 2] [--producers 1,4,8] [--runs 1]
//
// omb runs at a publish rate far above what it can reach, so its limiter is
// always behind and never waits: each producer sends as fast as its child's
// event loop allows (or until 16,384 sends are unacked). The acked rate after
// the warmup is the figure; CPU µs per acked message is printed beside it,
// steadier than msg/s when other work on the machine takes cores away.
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { createDriver } from "../src/drivers/index";
import { HttpWorker } from "../src/worker/client/http-worker";
import {
  benchDriverConfig,
  benchHeader,
  type Broker,
  fmt,
  localBroker,
  MESSAGE_SIZE,
  median,
  positiveInt,
  PARTITIONS,
  PRODUCER_SETTINGS,
  topicName,
} from "./lib/bench-env";
import { runLoadPhase } from "./lib/omb-load";
import { type CpuWindow, cpuLines, cpuPerMessage, loadAverage } from "./lib/proc-cpu";
import { runProducerPerformance } from "./lib/producer-performance";
import { startWorker } from "./lib/worker-process";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    warmup: { type: "string", default: "5" },
    processes: { type: "string", default: String(availableParallelism()) },
    producers: { type: "string", default: "1,4,8" },
    runs: { type: "string", default: "1" },
  },
});
const seconds = positiveInt("--seconds", args.seconds);
const warmup = positiveInt("--warmup", args.warmup);
const processes = positiveInt("--processes", args.processes);
const runs = positiveInt("--runs", args.runs);
const producerCounts = args.producers.split(",").map((n) => positiveInt("--producers", n));
/** Far above any reachable rate: the limiter is always behind and never waits. */
const UNREACHABLE_RATE = 1e9;
/** Records for the calibration run that sizes ProducerPerformance's main run. */
const CALIBRATION_RECORDS = 300_000;

const log = (line: string) => console.log(`  ${line}`);

const broker = await localBroker();
const driver = benchDriverConfig(broker.bootstrap);
const worker = await startWorker(processes);
const client = new HttpWorker(worker.url);

/** One measured figure: msg/s and CPU µs per message (NaN when not measured). */
interface Figure {
  rate: number;
  clientCpuUs: number;
  brokerCpuUs: number;
}
const perfFigures: Figure[] = [];
const ombFigures = new Map<number, Figure[]>();
try {
  for (const line of await benchHeader("max publish rate", `${worker.command} (${worker.url})`)) console.log(line);
  console.log(
    `broker ${broker.bootstrap}; ${PARTITIONS} partitions, ${MESSAGE_SIZE}-byte records, ` +
      `acks=${PRODUCER_SETTINGS.acks} linger.ms=${PRODUCER_SETTINGS["linger.ms"]} batch.size=${PRODUCER_SETTINGS["batch.size"]}`,
  );
  for (let run = 1; run <= runs; run++) {
    if (runs > 1) console.log(`\n## run ${run} of ${runs}`);
    perfFigures.push(await producerPerformance(broker));
    for (const producers of producerCounts) {
      console.log(`\n### omb worker, ${producers} producer(s) over ${Math.min(producers, processes)} child(ren) — load average ${loadAverage()}`);
      const outcome = await runLoadPhase(client, {
        driver,
        topic: topicName("max-rate", `p${producers}`),
        producers,
        rate: UNREACHABLE_RATE,
        warmupSeconds: warmup,
        seconds,
        workerPid: worker.pid,
        brokerPid: broker.pid,
        log,
      });
      console.log(
        `omb, ${producers} producer(s): ${fmt(outcome.ackedRate)} msg/s acked (${fmt((outcome.ackedRate * MESSAGE_SIZE) / 2 ** 20, 1)} MiB/s), ` +
          `median second ${fmt(median(outcome.perSecond))} msg/s, ${outcome.sendErrors} send errors; ` +
          `publish latency p50 ${fmt(outcome.publishLatency.p50 / 1000, 1)} ms p99 ${fmt(outcome.publishLatency.p99 / 1000, 1)} ms`,
      );
      for (const line of cpuLines(outcome.cpu)) console.log(line);
      const figure = withCpu(outcome.ackedRate, outcome.cpu, broker.pid);
      console.log(perMessageLine(figure, "omb"));
      ombFigures.set(producers, [...(ombFigures.get(producers) ?? []), figure]);
    }
  }
} finally {
  await worker.stop();
}

const perf = medianFigure(perfFigures);
console.log(`\n## Summary${runs > 1 ? ` (median of ${runs} runs)` : ""} — load average now ${loadAverage()}`);
console.log(`ProducerPerformance (Java client), steady state: ${fmt(perf.rate)} msg/s; ${perMessageLine(perf, "client")}`);
let best = 0;
for (const [producers, figures] of ombFigures) {
  const omb = medianFigure(figures);
  best = Math.max(best, omb.rate / perf.rate);
  console.log(
    `omb worker, ${producers} producer(s): ${fmt(omb.rate)} msg/s — ratio omb / ProducerPerformance ${fmt(omb.rate / perf.rate, 2)}; ` +
      perMessageLine(omb, "client"),
  );
}
console.log(`best ratio: ${fmt(best, 2)} (target >= 0.5)`);
process.exit(0);

function withCpu(rate: number, cpu: CpuWindow | undefined, brokerPid: number): Figure {
  if (!cpu) return { rate, clientCpuUs: Number.NaN, brokerCpuUs: Number.NaN };
  const cost = cpuPerMessage(cpu, rate, brokerPid);
  return { rate, clientCpuUs: cost.client, brokerCpuUs: cost.broker };
}

function medianFigure(figures: Figure[]): Figure {
  return {
    rate: median(figures.map((f) => f.rate)),
    clientCpuUs: medianOfKnown(figures.map((f) => f.clientCpuUs)),
    brokerCpuUs: medianOfKnown(figures.map((f) => f.brokerCpuUs)),
  };
}

/** NaN marks a CPU figure that could not be measured: the median of the others, or NaN. */
function medianOfKnown(values: number[]): number {
  const known = values.filter((v) => !Number.isNaN(v));
  return known.length === 0 ? Number.NaN : median(known);
}

function perMessageLine(figure: Figure, client: string): string {
  if (Number.isNaN(figure.clientCpuUs)) return `CPU per acked message: ${client} n/a (the run was too short for a CPU window)`;
  return `CPU per acked message: ${client} ${fmt(figure.clientCpuUs, 1)} µs, broker ${fmt(figure.brokerCpuUs, 1)} µs`;
}

/** A calibration run sizes the main one so that it lasts about --seconds + --warmup. */
async function producerPerformance(b: Broker): Promise<Figure> {
  const admin = await createDriver(driver);
  const topic = topicName("max-rate", "java");
  try {
    await admin.createTopics([{ name: topic, partitions: PARTITIONS }]);
    const perfRun = { libs: b.libs, bootstrap: b.bootstrap, topic, recordSize: MESSAGE_SIZE, props: PRODUCER_SETTINGS, brokerPid: b.pid, log };
    console.log(`\n### Kafka ProducerPerformance — load average ${loadAverage()}`);
    const calibration = await runProducerPerformance({ ...perfRun, records: CALIBRATION_RECORDS });
    const records = Math.round((calibration.summary.recordsPerSec * (seconds + warmup)) / 1e5) * 1e5 || CALIBRATION_RECORDS;
    log(`calibration: ${fmt(calibration.summary.recordsPerSec)} records/s → main run of ${fmt(records)} records`);
    const perf = await runProducerPerformance({ ...perfRun, records });
    const s = perf.summary;
    console.log(
      `ProducerPerformance: ${fmt(s.recordsPerSec)} records/s over the whole run (${fmt(s.mbPerSec, 1)} MB/s), ` +
        `steady state ${perf.steadyRate === undefined ? "n/a (run too short)" : `${fmt(perf.steadyRate)} records/s`}; ` +
        `latency avg ${fmt(s.avgLatencyMs, 1)} ms, p50 ${s.p50Ms} ms, p95 ${s.p95Ms} ms, p99 ${s.p99Ms} ms, p99.9 ${s.p999Ms} ms, max ${fmt(s.maxLatencyMs)} ms`,
    );
    const rate = perf.steadyRate ?? s.recordsPerSec;
    if (!perf.cpu) return withCpu(rate, undefined, b.pid);
    for (const line of cpuLines(perf.cpu.window)) console.log(line);
    // CPU per message from the records sent inside the CPU window, not from the whole run's rate.
    const cost = withCpu(perf.cpu.records / perf.cpu.window.seconds, perf.cpu.window, b.pid);
    console.log(perMessageLine(cost, "ProducerPerformance"));
    return { ...cost, rate };
  } finally {
    const left = await admin.deleteTopics([topic]).catch((e: Error) => [{ name: topic, error: e.message }]);
    for (const { name, error } of left) log(`topic ${name} not deleted: ${error}`);
    await admin.close();
  }
}
