// How punctually omb's worker sends at a fixed rate on the local broker:
// publish delay (actual − intended send time from the limiter's schedule) and
// publish latency (handed to the client → acked) at 10,000 msg/s, 1 topic of
// 16 partitions, 1 KiB messages, acks=1, after a warmup; and the CPU the
// worker's processes and the broker used meanwhile. Target: publish delay p99 < 1 ms.
// After each run, the same pacer alone (bench/pacer-floor.ts) shows the delay
// this host adds by itself at that moment: the floor under the figure; then
// Kafka's ProducerPerformance at the same --throughput and settings gives the
// CPU per message to compare omb's producing processes with (target ≤ 1.2×).
//
//   bun bench/publish-delay.ts [--rate 10000] [--seconds 20] [--warmup 5] [--producers 1] [--processes 2] [--runs 3]
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import type { LatencySummary } from "../src/stats/histogram";
import { HttpWorker } from "../src/worker/client/http-worker";
import {
  benchDriverConfig,
  benchHeader,
  fmt,
  localBroker,
  MESSAGE_SIZE,
  median,
  positiveInt,
  PARTITIONS,
  PRODUCER_SETTINGS,
  topicName,
} from "./lib/bench-env";
import { createDriver } from "../src/drivers/index";
import { type LoadOutcome, runLoadPhase } from "./lib/omb-load";
import { cpuLines, cpuPerMessage, loadAverage } from "./lib/proc-cpu";
import { runProducerPerformance } from "./lib/producer-performance";
import { startWorker } from "./lib/worker-process";

const { values: args } = parseArgs({
  options: {
    rate: { type: "string", default: "10000" },
    seconds: { type: "string", default: "20" },
    warmup: { type: "string", default: "5" },
    producers: { type: "string", default: "1" },
    processes: { type: "string", default: String(availableParallelism()) },
    runs: { type: "string", default: "3" },
  },
});
const rate = positiveInt("--rate", args.rate);
const seconds = positiveInt("--seconds", args.seconds);
const warmup = positiveInt("--warmup", args.warmup);
const producers = positiveInt("--producers", args.producers);
const processes = positiveInt("--processes", args.processes);
const runs = positiveInt("--runs", args.runs);
const TARGET_DELAY_P99_US = 1000;
const TARGET_CPU_RATIO = 1.2;

const broker = await localBroker();
const driver = benchDriverConfig(broker.bootstrap);
const worker = await startWorker(processes);
const client = new HttpWorker(worker.url);
const outcomes: LoadOutcome[] = [];
const floors: Floor[] = [];
/** CPU µs per acked message: omb's processes but the broker, and ProducerPerformance's JVM. */
const cpuOmb: number[] = [];
const cpuKafka: number[] = [];
try {
  for (const line of await benchHeader("publish delay", `${worker.command} (${worker.url})`)) console.log(line);
  console.log(
    `broker ${broker.bootstrap}; ${fmt(rate)} msg/s over ${producers} producer(s), ${PARTITIONS} partitions, ${MESSAGE_SIZE}-byte messages, ` +
      `acks=${PRODUCER_SETTINGS.acks} linger.ms=${PRODUCER_SETTINGS["linger.ms"]} batch.size=${PRODUCER_SETTINGS["batch.size"]}`,
  );
  for (let run = 1; run <= runs; run++) {
    console.log(`\n## run ${run} of ${runs} — load average ${loadAverage()}`);
    const outcome = await runLoadPhase(client, {
      driver,
      topic: topicName("publish-delay", `r${run}`),
      producers,
      rate,
      warmupSeconds: warmup,
      seconds,
      workerPid: worker.pid,
      brokerPid: broker.pid,
      log: (line) => console.log(`  ${line}`),
    });
    console.log(
      `achieved ${fmt(outcome.ackedRate)} msg/s acked (${fmt(outcome.sentRate)} sent), ${outcome.sendErrors} send errors`,
    );
    console.log(`publish delay µs: ${delayText(outcome.publishDelay)}`);
    console.log(`publish latency ms: ${latencyText(outcome.publishLatency)}`);
    for (const line of cpuLines(outcome.cpu)) console.log(line);
    outcomes.push(outcome);
    const floor = await pacerFloor();
    console.log(`pacer alone (floor), delay µs: ${delayText(floor)}; hypervisor steal ${fmt(floor.stealPercent, 1)} %; its CPU ${fmt(floor.cpuPercent, 1)} % of a core`);
    floors.push(floor);
    cpuOmb.push(cpuPerMessage(outcome.cpu, outcome.ackedRate, broker.pid).client);
    const kafka = await producerPerformanceCpu(run);
    cpuKafka.push(kafka);
    console.log(`CPU per acked message at ${fmt(rate)} msg/s: omb ${fmt(cpuOmb.at(-1)!, 1)} µs (worker and children), ProducerPerformance ${fmt(kafka, 1)} µs (JVM)`);
  }
} finally {
  await worker.stop();
}

const pick = (f: (o: LoadOutcome) => number) => median(outcomes.map(f));
const delayP99 = pick((o) => o.publishDelay.p99);
console.log(`\n## Summary${runs > 1 ? ` (median of ${runs} runs)` : ""} — load average now ${loadAverage()}`);
console.log(`achieved: ${fmt(pick((o) => o.ackedRate))} msg/s of ${fmt(rate)}`);
console.log(
  `publish delay µs: p50 ${fmt(pick((o) => o.publishDelay.p50))}, p99 ${fmt(delayP99)}, ` +
    `p99.9 ${fmt(pick((o) => o.publishDelay.p999))}, max ${fmt(pick((o) => o.publishDelay.max))}`,
);
console.log(
  `publish latency ms: p50 ${fmt(pick((o) => o.publishLatency.p50) / 1000, 2)}, p99 ${fmt(pick((o) => o.publishLatency.p99) / 1000, 2)}`,
);
const names = outcomes[0]?.cpu.processes.map((p) => p.name) ?? [];
console.log(
  `CPU (% of one core): ${names.map((name, i) => `${name} ${fmt(pick((o) => o.cpu.processes[i]!.percent))}`).join(", ")}; ` +
    `machine ${fmt(pick((o) => o.cpu.machinePercent))} of ${(outcomes[0]?.cpu.cores ?? 0) * 100}`,
);
console.log(
  `pacer alone (floor), delay µs: p99 ${fmt(median(floors.map((f) => f.p99)))}, p99.9 ${fmt(median(floors.map((f) => f.p999)))}; ` +
    `hypervisor steal during omb ${fmt(pick((o) => o.cpu.stealPercent), 1)} %, during the floor ${fmt(median(floors.map((f) => f.stealPercent)), 1)} %`,
);
console.log(`publish delay p99 ${delayP99 < TARGET_DELAY_P99_US ? "meets" : "misses"} the target of < ${fmt(TARGET_DELAY_P99_US)} µs`);
const cpuRatio = median(cpuOmb) / median(cpuKafka);
console.log(
  `CPU per acked message: omb ${fmt(median(cpuOmb), 1)} µs, ProducerPerformance --throughput ${rate} ${fmt(median(cpuKafka), 1)} µs: ` +
    `${fmt(cpuRatio, 2)}×, ${cpuRatio <= TARGET_CPU_RATIO ? "meets" : "misses"} the target of ≤ ${TARGET_CPU_RATIO}×`,
);
process.exit(0);

type Floor = LatencySummary & { stealPercent: number; cpuPercent: number };

/** ProducerPerformance at the same rate for as long as an omb phase, on a fresh topic: CPU µs per record of its JVM after its first report. */
async function producerPerformanceCpu(run: number): Promise<number> {
  const topic = topicName("publish-delay-pp", `r${run}`);
  const admin = await createDriver(driver);
  try {
    await admin.createTopics([{ name: topic, partitions: PARTITIONS }]);
    const perf = await runProducerPerformance({
      libs: broker.libs,
      bootstrap: broker.bootstrap,
      topic,
      records: rate * (warmup + seconds),
      recordSize: MESSAGE_SIZE,
      throughput: rate,
      props: PRODUCER_SETTINGS,
      brokerPid: broker.pid,
      log: () => {},
    });
    if (!perf.cpu) throw new Error("ProducerPerformance ended before its second report");
    const jvm = perf.cpu.window.processes[0]!;
    return ((jvm.percent / 100) * perf.cpu.window.seconds * 1e6) / perf.cpu.records;
  } finally {
    await admin.deleteTopics([topic]).catch(() => []);
    await admin.close();
  }
}

/** bench/pacer-floor.ts in its own process, as long as an omb phase. */
async function pacerFloor(): Promise<Floor> {
  const script = `${import.meta.dir}/pacer-floor.ts`;
  const proc = Bun.spawn([process.execPath, script, "--rate", String(rate), "--seconds", String(seconds), "--json"], {
    stdout: "pipe",
    stderr: "inherit",
  });
  const out = await new Response(proc.stdout).text();
  if ((await proc.exited) !== 0) throw new Error(`${script} failed (exit ${proc.exitCode})`);
  return JSON.parse(out.trim().split("\n").at(-1)!) as Floor;
}

function delayText(s: LatencySummary): string {
  return `p50 ${fmt(s.p50)}, p99 ${fmt(s.p99)}, p99.9 ${fmt(s.p999)}, max ${fmt(s.max)}`;
}

function latencyText(s: LatencySummary): string {
  return `p50 ${fmt(s.p50 / 1000, 2)}, p99 ${fmt(s.p99 / 1000, 2)}, p99.9 ${fmt(s.p999 / 1000, 2)}, max ${fmt(s.max / 1000, 2)}`;
}
