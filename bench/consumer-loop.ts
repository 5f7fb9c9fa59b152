// One consumer exactly as a worker child runs it (the configured driver's
// consumer, the SubscriptionTracker that decodes omb's headers and tracks
// sequences, the StatsRecorder drained once a second as the worker does), but
// in this process, so that it can be profiled. It reads a backlog of
// omb-format messages (1 KiB, 16 partitions) written before it joins: the
// rate and CPU per consumed message are its own, with no producer beside it.
//
//   bun bench/consumer-loop.ts [--backlog 300000] [--client kafkajs|platformatic] [--fill-only] [--topic T]
//
// --fill-only writes the backlog, prints the topic's name and keeps it;
// --topic T reads such a topic (of --backlog messages) and keeps it. Where the
// time goes per consumed message, with the writing left out of the profile:
//   bun bench/consumer-loop.ts --fill-only
//   bun --cpu-prof-md --cpu-prof-dir=/tmp/prof bench/consumer-loop.ts --topic <name>
import { parseArgs } from "node:util";
import { DRIVER_CLIENTS, type DriverClient } from "../src/config/types";
import { createDriver } from "../src/drivers/index";
import { StatsRecorder } from "../src/stats/stats-recorder";
import { SubscriptionTracker } from "../src/worker/child/subscription-tracker";
import { writeOmbBacklog } from "./lib/backlog";
import { benchDriverConfig, benchHeader, fmt, localBroker, PARTITIONS, positiveInt, topicName } from "./lib/bench-env";
import { cpuLines, cpuWindow, loadAverage } from "./lib/proc-cpu";

const { values: args } = parseArgs({
  options: {
    backlog: { type: "string", default: "300000" },
    client: { type: "string", default: "kafkajs" },
    "fill-only": { type: "boolean", default: false },
    topic: { type: "string" },
  },
});
const backlog = positiveInt("--backlog", args.backlog);
const client = args.client as DriverClient;
if (!DRIVER_CLIENTS.includes(client)) {
  console.error(`--client: expected one of ${DRIVER_CLIENTS.join(", ")}, got "${args.client}"`);
  process.exit(2);
}
const TIMEOUT_MS = 120_000;

const broker = await localBroker();
const config = { ...benchDriverConfig(broker.bootstrap), client };
const driver = await createDriver(config);
const topic = args.topic ?? topicName("consumer-loop", "t");
for (const line of await benchHeader("consumer loop", `this process (pid ${process.pid}), ${client}`)) console.log(line);
if (args.topic === undefined) {
  await driver.createTopics([{ name: topic, partitions: PARTITIONS }]);
  const took = await writeOmbBacklog(driver, topic, backlog);
  console.log(`backlog: ${fmt(backlog)} messages written to ${topic} in ${fmt(took, 1)} s`);
}
if (args["fill-only"]) {
  await driver.close();
  console.log(topic);
  process.exit(0);
}

const recorder = new StatsRecorder();
// A fresh group each time: a group that read the topic before starts at its end.
const subscription = `${topic}-sub-${Date.now().toString(36)}`;
const tracker = new SubscriptionTracker(subscription, topic, recorder);
const { promise: done, resolve } = Promise.withResolvers<number>();
const consumer = await driver.createConsumer({
  topics: [topic],
  subscription,
  onMessages: (messages, receivedAtMicros) => {
    tracker.onMessages(messages, receivedAtMicros);
    if (recorder.counters().messagesReceived >= backlog) resolve(Bun.nanoseconds());
  },
});
const periodStats = setInterval(() => void recorder.drainPeriod(), 1000);
await consumer.ready;
const readyAt = Bun.nanoseconds();
const cpu = cpuWindow([{ name: "this process", pid: process.pid }]);
const timer = setTimeout(() => resolve(Number.NaN), TIMEOUT_MS);
const lastAt = await done;
const cpuUse = cpu.end();
clearTimeout(timer);
clearInterval(periodStats);
await consumer.close();
if (args.topic === undefined) await driver.deleteTopics([topic]);
await driver.close();
if (Number.isNaN(lastAt)) throw new Error(`consumed ${recorder.counters().messagesReceived} of ${backlog} in ${TIMEOUT_MS / 1000} s`);

const rate = backlog / ((lastAt - readyAt) / 1e9);
console.log(`consumed ${fmt(backlog)} messages at ${fmt(rate)} msg/s from the completed join — load average ${loadAverage()}`);
for (const line of cpuLines(cpuUse)) console.log(line);
console.log(`CPU per consumed message: ${fmt(((cpuUse.processes[0]!.percent / 100) * cpuUse.seconds * 1e6) / backlog, 2)} µs`);
process.exit(0);
