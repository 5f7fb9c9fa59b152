// The end-to-end floor: omb's end-to-end latency at 1,000 msg/s (1 producer,
// 1 consumer, one `omb worker`) against Kafka's EndToEndLatency tool (one 1 KiB
// record at a time, sent and read back) on the same broker, in one command.
// Both with linger.ms=0 and acks=1; 16 partitions for omb, the tool's own
// topic for it. The tool prints its percentiles in whole milliseconds
// (truncated: "0" is below 1 ms) and its average to 0.01 ms, so the average is
// the figure to compare; the p50s are printed beside it.
//
//   bun bench/e2e-floor.ts [--rate 1000] [--seconds 20] [--warmup 5] [--records 10000] [--runs 1]
import { parseArgs } from "node:util";
import { HttpWorker } from "../src/worker/client/http-worker";
import { benchDriverConfig, benchHeader, fmt, localBroker, MESSAGE_SIZE, median, positiveInt, topicName } from "./lib/bench-env";
import { type EndToEndFigures, runEndToEndPhase } from "./lib/end-to-end-phase";
import { type EndToEndResult, runEndToEndLatency } from "./lib/kafka-tools";
import { loadAverage } from "./lib/proc-cpu";
import { startWorker } from "./lib/worker-process";

const { values: args } = parseArgs({
  options: {
    rate: { type: "string", default: "1000" },
    seconds: { type: "string", default: "20" },
    warmup: { type: "string", default: "5" },
    records: { type: "string", default: "10000" },
    runs: { type: "string", default: "1" },
  },
});
const rate = positiveInt("--rate", args.rate);
const seconds = positiveInt("--seconds", args.seconds);
const warmup = positiveInt("--warmup", args.warmup);
const records = positiveInt("--records", args.records);
const runs = positiveInt("--runs", args.runs);

const broker = await localBroker();
const base = benchDriverConfig(broker.bootstrap);
const driver = { ...base, producerConfig: { ...base.producerConfig, "linger.ms": 0 } };
const worker = await startWorker(2);
const http = new HttpWorker(worker.url);
const omb: EndToEndFigures[] = [];
const kafka: EndToEndResult[] = [];
try {
  for (const line of await benchHeader("end-to-end floor", `${worker.command} (${worker.url})`)) console.log(line);
  for (let run = 1; run <= runs; run++) {
    console.log(`\n## run ${run} of ${runs} — load average ${loadAverage()}`);
    const k = await runEndToEndLatency(broker.libs, broker.bootstrap, topicName("e2e-floor-kafka", `r${run}`), records, "1", MESSAGE_SIZE);
    kafka.push(k);
    console.log(`EndToEndLatency: ${fmt(records)} records, avg ${fmt(k.avgMs, 2)} ms, p50 ${k.p50Ms} ms, p99 ${k.p99Ms} ms, p99.9 ${k.p999Ms} ms`);
    const o = await runEndToEndPhase(http, { driver, workerPid: worker.pid, label: `floor-r${run}`, rate, producers: 1, warmup, seconds });
    omb.push(o);
    console.log(
      `omb at ${fmt(rate)} msg/s: end-to-end avg ${fmt(o.e2eMeanMs, 2)} ms, p50 ${fmt(o.e2eP50Ms, 2)} ms, p99 ${fmt(o.e2eP99Ms, 2)} ms; consumed ${fmt(o.consume)} msg/s; steal ${fmt(o.steal, 1)} %`,
    );
  }
} finally {
  await worker.stop();
}
const k = (pick: (r: EndToEndResult) => number) => median(kafka.map(pick));
const o = (pick: (f: EndToEndFigures) => number) => median(omb.map(pick));
console.log(`\n## Summary${runs > 1 ? ` (median of ${runs})` : ""} — load average now ${loadAverage()}`);
console.log(`| ms | EndToEndLatency | omb at ${fmt(rate)} msg/s | omb / Kafka |`);
console.log("| --- | ---: | ---: | ---: |");
console.log(`| avg | ${fmt(k((r) => r.avgMs), 2)} | ${fmt(o((f) => f.e2eMeanMs), 2)} | ${fmt(o((f) => f.e2eMeanMs) / k((r) => r.avgMs), 2)} |`);
console.log(`| p50 | ${k((r) => r.p50Ms) === 0 ? "< 1" : fmt(k((r) => r.p50Ms))} (whole ms) | ${fmt(o((f) => f.e2eP50Ms), 2)} | |`);
console.log(`| p99 | ${fmt(k((r) => r.p99Ms))} (whole ms) | ${fmt(o((f) => f.e2eP99Ms), 2)} | |`);
process.exit(0);
