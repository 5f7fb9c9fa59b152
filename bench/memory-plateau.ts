// Does a worker's memory plateau under a load it cannot fully carry? One
// `omb worker`, 100 topics of 1 partition, one producer and one consumer per
// topic, 1 KiB messages at 50,000 msg/s in total, for 5 minutes. Every 10 s it
// prints the resident memory (RSS, from /proc) of the worker parent and of each
// child, with the acked and received rates; at the end, minute 5 against
// minute 2 and the largest child RSS, against the bounds of issue #11 (within
// 10 %, under 512 MB per child).
//
//   flock /tmp/omb-bench.lock bun bench/memory-plateau.ts [--minutes 5] [--rate 50000] [--topics 100] [--processes 2]
//
// The children's JavaScript heap is sized by BUN_JSC_forceRAMSize (default in
// src/worker/pool/child-handle.ts); set it in the environment to compare sizes.
// CPU µs per message, printed at the end, compares runs on a busy machine.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { HttpWorker } from "../src/worker/client/http-worker";
import { benchDriverConfig, benchHeader, fmt, localBroker, MESSAGE_SIZE, positiveInt, topicName } from "./lib/bench-env";
import { loadAverage } from "./lib/proc-cpu";
import { startWorker } from "./lib/worker-process";

const { values: args } = parseArgs({
  options: {
    minutes: { type: "string", default: "5" },
    rate: { type: "string", default: "50000" },
    topics: { type: "string", default: "100" },
    processes: { type: "string", default: "2" },
  },
});
const minutes = positiveInt("--minutes", args.minutes);
const rate = positiveInt("--rate", args.rate);
const topics = positiveInt("--topics", args.topics);
const processes = positiveInt("--processes", args.processes);
const SAMPLE_MS = 10_000;
const CHILD_LIMIT_MB = 512;

const broker = await localBroker();
const worker = await startWorker(processes);
const client = new HttpWorker(worker.url);
const names = Array.from({ length: topics }, (_, i) => topicName("memory", `t${i}`));
for (const line of await benchHeader("memory-plateau", worker.command)) console.log(line);
console.log(`${topics} topics × 1 partition, 1 producer + 1 consumer each, ${fmt(rate)} msg/s of ${MESSAGE_SIZE} B, ${minutes} min, ${processes} children`);

/** CPU seconds (user + system) a process used so far, from /proc/<pid>/stat. */
const cpuSeconds = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
};

const rssMb = (pid: number) => {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? Number.NaN : Number(kb) / 1024;
  } catch {
    return Number.NaN;
  }
};

interface Sample {
  seconds: number;
  parent: number;
  children: number[];
}
const samples: Sample[] = [];
// 5 minutes at 50 MB/s is 15 GB: each partition keeps at most 64 MiB (16 MiB
// segments, so old ones can go), or the shared broker's disk fills.
const driver = { ...benchDriverConfig(broker.bootstrap), topicConfig: { "retention.bytes": 67_108_864, "segment.bytes": 16_777_216 } };
try {
  await client.initializeDriver(driver);
  await client.createTopics(names.map((name) => ({ name, partitions: 1 })));
  await client.createConsumers(names.map((topic, i) => ({ id: `c${i}`, topic, subscription: `${topic}-sub` })));
  await client.createProducers(names.map((topic, i) => ({ id: `p${i}`, topic })));
  const readyBy = Date.now() + 120_000;
  while (!(await client.consumersReady()).ready) {
    if (Date.now() > readyBy) throw new Error("consumers not ready within 120 s");
    await Bun.sleep(500);
  }
  const childPids = ((await client.health()).children ?? []).map((c) => c.pid);
  await client.startLoad({ workerRate: rate, payload: { kind: "random", size: MESSAGE_SIZE, randomBytesRatio: 0.5, poolSize: 1000 }, keyDistributor: "NO_KEY" });
  const started = performance.now();
  const cpuAtStart = childPids.map(cpuSeconds);
  let previous = await client.counters();
  const first = previous;
  console.log("  time   parent MB  children MB            acked msg/s  received msg/s  load");
  for (let n = 1; n <= (minutes * 60_000) / SAMPLE_MS; n++) {
    await Bun.sleep(started + n * SAMPLE_MS - performance.now());
    const counters = await client.counters();
    const sample = { seconds: n * (SAMPLE_MS / 1000), parent: rssMb(worker.pid), children: childPids.map(rssMb) };
    samples.push(sample);
    const acked = (counters.messagesSent - previous.messagesSent) / (SAMPLE_MS / 1000);
    const received = (counters.messagesReceived - previous.messagesReceived) / (SAMPLE_MS / 1000);
    previous = counters;
    console.log(
      `  ${String(sample.seconds).padStart(4)} s  ${fmt(sample.parent).padStart(9)}  ${sample.children.map((c) => fmt(c).padStart(6)).join(" ").padEnd(22)}` +
        `  ${fmt(acked).padStart(11)}  ${fmt(received).padStart(14)}  ${loadAverage()}`,
    );
  }
  const cpu = childPids.map(cpuSeconds).reduce((a, b, i) => a + b - cpuAtStart[i]!, 0);
  const acked = previous.messagesSent - first.messagesSent;
  console.log(`children: ${fmt(cpu)} CPU s for ${fmt(acked)} messages sent, ${fmt((cpu / acked) * 1e6, 1)} CPU µs per message`);
  const stop = await client.stop();
  const sent = stop.producers.reduce((n, p) => n + p.sent, 0);
  const failed = stop.producers.reduce((n, p) => n + p.failed, 0);
  console.log(`stopped: ${fmt(sent)} sent, ${fmt(failed)} failed`);
  verdict();
} finally {
  // Topics are deleted through a fresh session: a stopped worker has no driver to delete them with.
  await client.stop().catch(() => {});
  await client.initializeDriver(driver).catch(() => {});
  const left = await client.deleteTopics(names).catch((error: Error) => names.map((name) => ({ name, error: error.message })));
  if (left.length) console.error(`could not delete ${left.length} topics (first: ${left[0]!.name}: ${left[0]!.error}); delete omb-bench-memory-* by hand`);
  await client.stop().catch(() => {});
  await worker.stop();
}

/** Mean of the samples within one minute (1-based), per process: the plateau test compares minute 5 with minute 2. */
function minuteMean(minute: number, pick: (s: Sample) => number): number {
  const inMinute = samples.filter((s) => s.seconds > (minute - 1) * 60 && s.seconds <= minute * 60).map(pick);
  return inMinute.reduce((a, b) => a + b, 0) / inMinute.length;
}

function verdict(): void {
  if (minutes < 5) {
    console.log("(fewer than 5 minutes: no plateau verdict)");
    return;
  }
  const childCount = samples[0]!.children.length;
  const maxChild = Math.max(...samples.flatMap((s) => s.children));
  for (let i = -1; i < childCount; i++) {
    const pick = (s: Sample) => (i < 0 ? s.parent : s.children[i]!);
    const [m2, m5] = [minuteMean(2, pick), minuteMean(5, pick)];
    const change = ((m5 - m2) / m2) * 100;
    console.log(`${i < 0 ? "parent " : `child ${i}`}: minute 2 ${fmt(m2)} MB, minute 5 ${fmt(m5)} MB (${change >= 0 ? "+" : ""}${fmt(change, 1)} %) ${Math.abs(change) <= 10 ? "plateau" : "NOT a plateau"}`);
  }
  console.log(`largest child RSS ${fmt(maxChild)} MB: ${maxChild < CHILD_LIMIT_MB ? "under" : "OVER"} ${CHILD_LIMIT_MB} MB`);
}
