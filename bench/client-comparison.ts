// kafkajs against @platformatic/kafka on the same local broker, in one command, the
// clients taking turns (the order flips every round) so that the noise of a shared
// machine falls on both alike. Per client and round:
//   - max publish rate: one producer on an `omb worker` with a rate it cannot reach
//     (acked msg/s, CPU µs per acked message of the worker's processes);
//   - publish latency at 10,000 msg/s: the same producer paced (p50/p99, CPU µs/msg);
//   - max consume rate: a consumer of the client, in this process, reading a backlog
//     that one producer wrote before the round, from its completed group join to the
//     last message (msg/s, CPU µs per consumed message of this process).
//   CPU at 10,000 msg/s is mostly omb's pacer, which holds the thread between sends.
// Settings: the embedded throughput driver with acks=1, linger.ms=5,
// batch.size=64 KiB; 16 partitions, 1 KiB records, no keys.
//
//   bun bench/client-comparison.ts [--rounds 3] [--seconds 10] [--warmup 3] [--backlog 200000] [--processes 2]
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { DRIVER_CLIENTS, type DriverClient, type DriverConfig } from "../src/config/types";
import { createDriver } from "../src/drivers/index";
import { HttpWorker } from "../src/worker/client/http-worker";
import { benchDriverConfig, benchHeader, fmt, localBroker, MESSAGE_SIZE, median, PARTITIONS, positiveInt, topicName } from "./lib/bench-env";
import { runLoadPhase } from "./lib/omb-load";
import { cpuPerMessage, loadAverage } from "./lib/proc-cpu";
import { startWorker } from "./lib/worker-process";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "3" },
    backlog: { type: "string", default: "200000" },
    processes: { type: "string", default: String(availableParallelism()) },
  },
});
const rounds = positiveInt("--rounds", args.rounds);
const seconds = positiveInt("--seconds", args.seconds);
const warmup = positiveInt("--warmup", args.warmup);
const backlog = positiveInt("--backlog", args.backlog);
const processes = positiveInt("--processes", args.processes);
const UNREACHABLE_RATE = 1e9;
const PACED_RATE = 10_000;
const CONSUME_TIMEOUT_MS = 120_000;

interface Figures {
  publishRate: number;
  publishCpuUs: number;
  pacedP50Ms: number;
  pacedP99Ms: number;
  pacedCpuUs: number;
  consumeRate: number;
  consumeCpuUs: number;
}

const log = (line: string) => console.log(`  ${line}`);
const broker = await localBroker();
const base = benchDriverConfig(broker.bootstrap);
const configFor = (client: DriverClient): DriverConfig => ({ ...base, name: `throughput-${client}`, client });
const worker = await startWorker(processes);
const http = new HttpWorker(worker.url);
const results = new Map<DriverClient, Figures[]>(DRIVER_CLIENTS.map((c) => [c, []]));

try {
  for (const line of await benchHeader("client comparison", `${worker.command} (${worker.url})`)) console.log(line);
  console.log(`broker ${broker.bootstrap}; ${PARTITIONS} partitions, ${MESSAGE_SIZE}-byte records; ${rounds} rounds, clients alternating`);
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 === 1 ? [...DRIVER_CLIENTS] : [...DRIVER_CLIENTS].reverse();
    console.log(`\n## round ${round} of ${rounds}: ${order.join(" then ")} — load average ${loadAverage()}`);
    const backlogTopic = await writeBacklog(round);
    try {
      for (const client of order) results.get(client)!.push(await measureClient(client, backlogTopic));
    } finally {
      await deleteTopic(backlogTopic);
    }
  }
} finally {
  await worker.stop();
}

const row = (client: DriverClient) => {
  const all = results.get(client)!;
  const m = (pick: (f: Figures) => number) => median(all.map(pick));
  return {
    publishRate: m((f) => f.publishRate),
    publishCpuUs: m((f) => f.publishCpuUs),
    pacedP50Ms: m((f) => f.pacedP50Ms),
    pacedP99Ms: m((f) => f.pacedP99Ms),
    pacedCpuUs: m((f) => f.pacedCpuUs),
    consumeRate: m((f) => f.consumeRate),
    consumeCpuUs: m((f) => f.consumeCpuUs),
  };
};
const [a, b] = DRIVER_CLIENTS;
const ra = row(a);
const rb = row(b);
console.log(`\n## Summary: median of ${rounds} rounds — load average now ${loadAverage()}`);
console.log(`| figure | ${a} | ${b} | ${b} / ${a} |`);
console.log("| --- | ---: | ---: | ---: |");
const line = (label: string, key: keyof Figures, digits: number) =>
  console.log(`| ${label} | ${fmt(ra[key], digits)} | ${fmt(rb[key], digits)} | ${fmt(rb[key] / ra[key], 2)} |`);
line("max publish rate (msg/s acked)", "publishRate", 0);
line("CPU per message published at max rate (µs, worker processes)", "publishCpuUs", 1);
line(`publish latency p50 at ${fmt(PACED_RATE)} msg/s (ms)`, "pacedP50Ms", 2);
line(`publish latency p99 at ${fmt(PACED_RATE)} msg/s (ms)`, "pacedP99Ms", 2);
line(`CPU per message published at ${fmt(PACED_RATE)} msg/s (µs)`, "pacedCpuUs", 1);
line("max consume rate (msg/s)", "consumeRate", 0);
line("CPU per message consumed (µs, consumer process)", "consumeCpuUs", 1);
process.exit(0);

async function measureClient(client: DriverClient, backlogTopic: string): Promise<Figures> {
  const driver = configFor(client);
  console.log(`\n### ${client}: max publish rate`);
  const max = await runLoadPhase(http, phase(driver, client, "max", UNREACHABLE_RATE));
  const maxCpu = cpuPerMessage(max.cpu, max.ackedRate, broker.pid).client;
  console.log(`${client}: ${fmt(max.ackedRate)} msg/s acked, ${max.sendErrors} send errors, CPU ${fmt(maxCpu, 1)} µs/msg`);
  console.log(`### ${client}: ${fmt(PACED_RATE)} msg/s`);
  const paced = await runLoadPhase(http, phase(driver, client, "paced", PACED_RATE));
  const pacedCpu = cpuPerMessage(paced.cpu, paced.ackedRate, broker.pid).client;
  const p = paced.publishLatency;
  console.log(
    `${client}: ${fmt(paced.ackedRate)} msg/s acked, publish latency p50 ${fmt(p.p50 / 1000, 2)} ms p99 ${fmt(p.p99 / 1000, 2)} ms, ` +
      `publish delay p99 ${fmt(paced.publishDelay.p99)} µs, CPU ${fmt(pacedCpu, 1)} µs/msg`,
  );
  console.log(`### ${client}: consume a backlog of ${fmt(backlog)} messages`);
  const consumed = await consumeBacklog(driver, backlogTopic);
  console.log(`${client}: ${fmt(consumed.rate)} msg/s consumed, CPU ${fmt(consumed.cpuUs, 1)} µs/msg`);
  return {
    publishRate: max.ackedRate,
    publishCpuUs: maxCpu,
    pacedP50Ms: p.p50 / 1000,
    pacedP99Ms: p.p99 / 1000,
    pacedCpuUs: pacedCpu,
    consumeRate: consumed.rate,
    consumeCpuUs: consumed.cpuUs,
  };
}

function phase(driver: DriverConfig, client: DriverClient, what: string, rate: number) {
  return { driver, topic: topicName(`clients-${what}`, client), producers: 1, rate, warmupSeconds: warmup, seconds, workerPid: worker.pid, brokerPid: broker.pid, log };
}

/** One backlog per round, written by kafkajs before either client reads it, each in its own group. */
async function writeBacklog(round: number): Promise<string> {
  const topic = topicName("clients-backlog", `r${round}`);
  const driver = await createDriver(configFor("kafkajs"));
  try {
    await driver.createTopics([{ name: topic, partitions: PARTITIONS }]);
    const producer = await driver.createProducer(topic);
    const value = new Uint8Array(MESSAGE_SIZE).map((_, i) => i % 251);
    const started = performance.now();
    for (let sent = 0; sent < backlog; sent += 10_000) {
      const acks = Array.from({ length: Math.min(10_000, backlog - sent) }, () => producer.send({ key: null, value, headers: {} }));
      await Promise.all(acks);
    }
    await producer.close();
    log(`backlog ${topic}: ${fmt(backlog)} messages written in ${fmt((performance.now() - started) / 1000, 1)} s`);
  } finally {
    await driver.close();
  }
  return topic;
}

/**
 * From the completed group join to the last message: the consumer's rate (fetches
 * included) and this process's CPU per message. The join itself is not counted.
 */
async function consumeBacklog(config: DriverConfig, topic: string): Promise<{ rate: number; cpuUs: number }> {
  const driver = await createDriver(config);
  let received = 0;
  const { promise: done, resolve } = Promise.withResolvers<number>();
  try {
    const consumer = await driver.createConsumer({
      topics: [topic],
      subscription: `${topic}-${config.client}`,
      onMessages: (messages) => {
        received += messages.length;
        if (received >= backlog) resolve(performance.now());
      },
    });
    await consumer.ready;
    const readyAt = performance.now();
    const cpuAtReady = process.cpuUsage();
    const timer = setTimeout(() => resolve(Number.NaN), CONSUME_TIMEOUT_MS);
    const lastAt = await done;
    clearTimeout(timer);
    const cpu = process.cpuUsage(cpuAtReady);
    await consumer.close();
    if (Number.isNaN(lastAt)) throw new Error(`${config.client} consumed ${received} of ${backlog} messages in ${CONSUME_TIMEOUT_MS / 1000} s`);
    return { rate: received / ((lastAt - readyAt) / 1000), cpuUs: (cpu.user + cpu.system) / received };
  } finally {
    await driver.close();
  }
}

async function deleteTopic(topic: string): Promise<void> {
  const driver = await createDriver(configFor("kafkajs"));
  const left = await driver.deleteTopics([topic]).catch((e: Error) => [{ name: topic, error: e.message }]);
  for (const { name, error } of left) log(`topic ${name} not deleted: ${error}`);
  await driver.close();
}
