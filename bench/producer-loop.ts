// One producer exactly as a worker child runs it (ProducerRunner, its paced
// loop, the StatsRecorder drained once a second as the worker does, the
// configured driver), but in this process, so that its event loop can be
// watched: every gap of more than 1 ms between two sends is time in which the
// pacer could not send because the loop was busy elsewhere (client work, stats,
// GC) or the thread waited for a core. Prints publish delay, the gaps, the cost
// of each period-stats drain, CPU per message and the thread's run-queue wait.
//
//   bun bench/producer-loop.ts [--rate 10000] [--seconds 10] [--warmup 3] [--linger 5] [--no-period-stats]
//
// With a CPU profile of the same loop (where the time goes per message):
//   bun --cpu-prof-md --cpu-prof-dir=/tmp/prof bench/producer-loop.ts --rate 1000000000
import { parseArgs } from "node:util";
import type { BenchmarkProducer, OutgoingMessage } from "../src/drivers/driver";
import { createDriver } from "../src/drivers/index";
import { createKeyDistributor } from "../src/message/key-distributor";
import { PayloadPool } from "../src/message/payload";
import { decodeHistogram, summarizeHistogram } from "../src/stats/histogram";
import { StatsRecorder } from "../src/stats/stats-recorder";
import { ProducerRunner } from "../src/worker/child/producer-runner";
import { benchDriverConfig, benchHeader, fmt, localBroker, MESSAGE_SIZE, PARTITIONS, positiveInt, topicName } from "./lib/bench-env";
import { cpuLines, cpuWindow, loadAverage } from "./lib/proc-cpu";

const { values: args } = parseArgs({
  options: {
    rate: { type: "string", default: "10000" },
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    linger: { type: "string", default: "5" },
    "no-period-stats": { type: "boolean", default: false },
  },
});
const rate = positiveInt("--rate", args.rate);
const seconds = positiveInt("--seconds", args.seconds);
const warmup = positiveInt("--warmup", args.warmup);
const linger = Number(args.linger);
if (!Number.isInteger(linger) || linger < 0) {
  console.error(`--linger: expected a whole number of ms >= 0, got "${args.linger}"`);
  process.exit(2);
}
const GAP_NS = 1_000_000;

/** Times between consecutive sends longer than GAP_NS. */
class GapMeter {
  gapsMs: number[] = [];
  private lastNs = 0;
  sent(): void {
    const now = Bun.nanoseconds();
    if (this.lastNs !== 0 && now - this.lastNs > GAP_NS) this.gapsMs.push((now - this.lastNs) / 1e6);
    this.lastNs = now;
  }
  reset(): void {
    this.gapsMs = [];
  }
}

/** The driver's producer, with every send noted by the meter. */
function watched(producer: BenchmarkProducer, meter: GapMeter): BenchmarkProducer {
  return {
    send(message: OutgoingMessage) {
      meter.sent();
      return producer.send(message);
    },
    flush: () => producer.flush(),
    close: () => producer.close(),
  };
}

const broker = await localBroker();
const config = benchDriverConfig(broker.bootstrap);
config.producerConfig = { ...config.producerConfig, "linger.ms": linger };
const driver = await createDriver(config);
const topic = topicName("producer-loop", "t");
await driver.createTopics([{ name: topic, partitions: PARTITIONS }]);
const meter = new GapMeter();
const recorder = new StatsRecorder();
const runner = new ProducerRunner("bench-p0", topic, watched(await driver.createProducer(topic), meter), recorder);
const drainsMs: number[] = [];
const periodStats = args["no-period-stats"]
  ? undefined
  : setInterval(async () => {
      const start = Bun.nanoseconds();
      await recorder.drainPeriod();
      drainsMs.push((Bun.nanoseconds() - start) / 1e6);
    }, 1000);

for (const line of await benchHeader("producer loop", `this process (pid ${process.pid})`)) console.log(line);
console.log(
  `${fmt(rate)} msg/s, 1 producer, ${PARTITIONS} partitions, ${MESSAGE_SIZE}-byte messages, acks=1 linger.ms=${linger}, ` +
    `period stats ${periodStats ? "drained every second" : "off"}`,
);
runner.start({
  rate,
  payloads: new PayloadPool({ kind: "random", size: MESSAGE_SIZE, randomBytesRatio: 0.5, poolSize: 100 }),
  keys: createKeyDistributor("NO_KEY"),
});
await Bun.sleep(warmup * 1000);
recorder.reset();
meter.reset();
drainsMs.length = 0;
const cpu = cpuWindow([{ name: "this process", pid: process.pid }]);
await Bun.sleep(seconds * 1000);
const cpuUse = cpu.end();
const gaps = meter.gapsMs.sort((a, b) => b - a);
const latencies = recorder.cumulativeLatencies();
clearInterval(periodStats);
await runner.stop(30_000);
await driver.deleteTopics([topic]);
await driver.close();

const delay = summarizeHistogram(decodeHistogram(latencies.publishDelay));
const latency = summarizeHistogram(decodeHistogram(latencies.publishLatency));
const acked = latency.count / cpuUse.seconds;
const gapTotal = gaps.reduce((a, b) => a + b, 0);
console.log(`achieved ${fmt(acked)} msg/s acked — load average ${loadAverage()}`);
console.log(`publish delay µs: p50 ${fmt(delay.p50)}, p99 ${fmt(delay.p99)}, p99.9 ${fmt(delay.p999)}, max ${fmt(delay.max)}`);
console.log(`publish latency ms: p50 ${fmt(latency.p50 / 1000, 2)}, p99 ${fmt(latency.p99 / 1000, 2)}`);
console.log(
  `send gaps > 1 ms: ${gaps.length} in ${fmt(cpuUse.seconds, 1)} s, ${fmt(gapTotal)} ms in all ` +
    `(${fmt((gapTotal / 1000 / cpuUse.seconds) * 100, 1)} % of the time); largest ${gaps.slice(0, 10).map((g) => fmt(g, 1)).join(", ")} ms`,
);
if (drainsMs.length > 0) console.log(`period-stats drain ms (wall, histograms encoded over several turns): ${drainsMs.map((d) => fmt(d, 1)).join(", ")}`);
for (const line of cpuLines(cpuUse)) console.log(line);
console.log(`CPU per acked message: ${fmt((cpuUse.processes[0]!.percent / 100 / acked) * 1e6, 1)} µs`);
process.exit(0);
