// Max consume rate and CPU per consumed message: omb's consumer (one consumer
// in a child of an `omb worker --processes 1`, the path of a real run:
// driver, SubscriptionTracker, stats, IPC) against Kafka's ConsumerPerformance
// (from the broker's jars), each reading the whole of one pre-filled topic of
// 16 partitions and 1 KiB omb-format records in a fresh group, taking turns
// (the order flips every round). Both are timed from the completed group join
// to the last message; CPU is the consuming process's over the same window.
//
//   bun bench/consume-rate.ts [--messages 500000] [--rounds 3] [--client kafkajs|platformatic]
import { parseArgs } from "node:util";
import { DRIVER_CLIENTS, type DriverClient } from "../src/config/types";
import { createDriver } from "../src/drivers/index";
import { HttpWorker } from "../src/worker/client/http-worker";
import { writeOmbBacklog } from "./lib/backlog";
import { benchDriverConfig, benchHeader, fmt, localBroker, MESSAGE_SIZE, median, PARTITIONS, positiveInt, topicName } from "./lib/bench-env";
import { runConsumerPerformance } from "./lib/kafka-tools";
import { cpuWindow, loadAverage } from "./lib/proc-cpu";
import { startWorker } from "./lib/worker-process";

const { values: args } = parseArgs({
  options: {
    messages: { type: "string", default: "500000" },
    rounds: { type: "string", default: "3" },
    client: { type: "string", default: "kafkajs" },
  },
});
const messages = positiveInt("--messages", args.messages);
const rounds = positiveInt("--rounds", args.rounds);
const client = args.client as DriverClient;
if (!DRIVER_CLIENTS.includes(client)) {
  console.error(`--client: expected one of ${DRIVER_CLIENTS.join(", ")}, got "${args.client}"`);
  process.exit(2);
}
const TIMEOUT_MS = 120_000;

interface Figures {
  rate: number;
  cpuUs: number;
  steal: number;
}

const broker = await localBroker();
const driverConfig = { ...benchDriverConfig(broker.bootstrap), client };
const admin = await createDriver(driverConfig);
const topic = topicName("consume-rate", "t");
const worker = await startWorker(1);
const http = new HttpWorker(worker.url);
const omb: Figures[] = [];
const kafka: Figures[] = [];
try {
  for (const line of await benchHeader("consume rate", `${worker.command} (${worker.url}), ${client}`)) console.log(line);
  await admin.createTopics([{ name: topic, partitions: PARTITIONS }]);
  const took = await writeOmbBacklog(admin, topic, messages);
  console.log(`${topic}: ${fmt(messages)} records of ${MESSAGE_SIZE} bytes over ${PARTITIONS} partitions, written in ${fmt(took, 1)} s`);
  for (let round = 1; round <= rounds; round++) {
    console.log(`\n## round ${round} of ${rounds} — load average ${loadAverage()}`);
    const order = round % 2 === 1 ? (["kafka", "omb"] as const) : (["omb", "kafka"] as const);
    for (const who of order) {
      if (who === "kafka") {
        const r = await runConsumerPerformance(broker.libs, broker.bootstrap, topic, messages);
        const figures = { rate: r.rate, cpuUs: cpuUs(r.cpu.processes[0]!.percent, r.cpu.seconds, r.messages), steal: r.cpu.stealPercent };
        kafka.push(figures);
        console.log(`ConsumerPerformance: ${line(figures)}`);
      } else {
        const figures = await ombConsume(round);
        omb.push(figures);
        console.log(`omb (${client}): ${line(figures)}`);
      }
    }
  }
} finally {
  await worker.stop();
  await admin.deleteTopics([topic]).catch(() => []);
  await admin.close();
}

const m = (all: Figures[], pick: (f: Figures) => number) => median(all.map(pick));
console.log(`\n## Summary: median of ${rounds} — load average now ${loadAverage()}`);
console.log("| figure | ConsumerPerformance | omb | omb / Kafka |");
console.log("| --- | ---: | ---: | ---: |");
const row = (label: string, pick: (f: Figures) => number, digits: number) =>
  console.log(`| ${label} | ${fmt(m(kafka, pick), digits)} | ${fmt(m(omb, pick), digits)} | ${fmt(m(omb, pick) / m(kafka, pick), 2)} |`);
row("max consume rate (msg/s)", (f) => f.rate, 0);
row("CPU per consumed message (µs)", (f) => f.cpuUs, 2);
console.log(`| hypervisor steal (%) | ${fmt(m(kafka, (f) => f.steal), 1)} | ${fmt(m(omb, (f) => f.steal), 1)} | |`);
process.exit(0);

function cpuUs(percent: number, seconds: number, count: number): number {
  return ((percent / 100) * seconds * 1e6) / count;
}

function line(f: Figures): string {
  return `${fmt(f.rate)} msg/s, ${fmt(f.cpuUs, 2)} µs CPU per message, steal ${fmt(f.steal, 1)} %`;
}

/** One consumer in the worker's child, in a fresh group, from its completed join to the last message. */
async function ombConsume(round: number): Promise<Figures> {
  await http.initializeDriver(driverConfig);
  try {
    await http.createConsumers([{ id: "bench-c0", topic, subscription: `${topic}-omb-r${round}` }]);
    const deadline = Date.now() + TIMEOUT_MS;
    while (!(await http.consumersReady()).ready) {
      if (Date.now() > deadline) throw new Error("omb consumer not ready");
      await Bun.sleep(20);
    }
    const child = (await http.health()).children![0]!;
    const cpu = cpuWindow([{ name: "consuming child", pid: child.pid }]);
    const startNs = Bun.nanoseconds();
    const before = (await http.counters()).messagesReceived;
    let received = before;
    while (received < messages) {
      if (Date.now() > deadline) throw new Error(`omb consumed ${received} of ${messages}`);
      await Bun.sleep(20);
      received = (await http.counters()).messagesReceived;
    }
    const window = cpu.end();
    const read = received - before;
    return { rate: read / ((Bun.nanoseconds() - startNs) / 1e9), cpuUs: cpuUs(window.processes[0]!.percent, window.seconds, read), steal: window.stealPercent };
  } finally {
    await http.stop();
  }
}
