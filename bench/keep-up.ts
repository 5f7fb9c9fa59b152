// Does omb's consumer keep up? One `omb worker` (2 children) at fixed rates,
// end to end: P producers and 1 consumer (one subscription) on one fresh
// 16-partition topic per rate, 1 KiB records, acks=1, linger 5 ms. After a
// warmup the bench reads period stats once a second and prints per rate: the
// publish and consume rates and their ratio, the backlog (sent − received) at
// the end of the window, end-to-end latency p50/p99 over the window, and CPU
// µs per message produced + consumed (the worker's processes). Target: consume
// ≥ 0.99 × publish at every rate and a backlog that does not grow.
//
//   bun bench/keep-up.ts [--rates 10000,50000,100000,150000] [--producers 2] [--seconds 20] [--warmup 5] [--runs 1]
import { parseArgs } from "node:util";
import { HttpWorker } from "../src/worker/client/http-worker";
import { benchDriverConfig, benchHeader, fmt, localBroker, MESSAGE_SIZE, median, PARTITIONS, positiveInt } from "./lib/bench-env";
import { type EndToEndFigures, runEndToEndPhase } from "./lib/end-to-end-phase";
import { loadAverage } from "./lib/proc-cpu";
import { startWorker } from "./lib/worker-process";

const { values: args } = parseArgs({
  options: {
    rates: { type: "string", default: "10000,50000,100000,150000" },
    producers: { type: "string", default: "2" },
    seconds: { type: "string", default: "20" },
    warmup: { type: "string", default: "5" },
    runs: { type: "string", default: "1" },
  },
});
const rates = args.rates.split(",").map((r) => positiveInt("--rates", r));
const producers = positiveInt("--producers", args.producers);
const seconds = positiveInt("--seconds", args.seconds);
const warmup = positiveInt("--warmup", args.warmup);
const runs = positiveInt("--runs", args.runs);

type Figures = EndToEndFigures;

const broker = await localBroker();
const driver = benchDriverConfig(broker.bootstrap);
const worker = await startWorker(2);
const http = new HttpWorker(worker.url);
const results = new Map<number, Figures[]>(rates.map((r) => [r, []]));
try {
  for (const line of await benchHeader("keep up", `${worker.command} (${worker.url})`)) console.log(line);
  console.log(`${producers} producer(s) + 1 consumer, ${PARTITIONS} partitions, ${MESSAGE_SIZE}-byte records; ${warmup} s warmup, ${seconds} s measured`);
  for (let run = 1; run <= runs; run++) {
    for (const rate of rates) {
      console.log(`\n## ${fmt(rate)} msg/s, run ${run} of ${runs} — load average ${loadAverage()}`);
      const f = await runEndToEndPhase(http, { driver, workerPid: worker.pid, label: `keep-up-${rate}-r${run}`, rate, producers, warmup, seconds });
      results.get(rate)!.push(f);
      console.log(
        `publish ${fmt(f.publish)} msg/s, consume ${fmt(f.consume)} msg/s (${fmt(f.consume / f.publish, 3)}), backlog at the end ${fmt(f.backlog)} ` +
          `(${f.backlogGrowth >= 0 ? "+" : ""}${fmt(f.backlogGrowth)} over the window), end-to-end p50 ${fmt(f.e2eP50Ms, 1)} ms p99 ${fmt(f.e2eP99Ms, 1)} ms, ` +
          `CPU ${fmt(f.cpuUs, 1)} µs per message produced + consumed; steal ${fmt(f.steal, 1)} %; children ${f.children}`,
      );
    }
  }
} finally {
  await worker.stop();
}

console.log(`\n## Summary${runs > 1 ? ` (median of ${runs})` : ""} — load average now ${loadAverage()}`);
console.log("| rate (msg/s) | publish | consume | consume / publish | backlog at end (growth) | e2e p50 / p99 (ms) | CPU µs per msg (produced + consumed) | steal |");
console.log("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const [rate, all] of results) {
  const m = (pick: (f: Figures) => number) => median(all.map(pick));
  console.log(
    `| ${fmt(rate)} | ${fmt(m((f) => f.publish))} | ${fmt(m((f) => f.consume))} | ${fmt(m((f) => f.consume / f.publish), 3)} | ` +
      `${fmt(m((f) => f.backlog))} (${fmt(m((f) => f.backlogGrowth))}) | ${fmt(m((f) => f.e2eP50Ms), 1)} / ${fmt(m((f) => f.e2eP99Ms), 1)} | ` +
      `${fmt(m((f) => f.cpuUs), 1)} | ${fmt(m((f) => f.steal), 1)} % |`,
  );
}
process.exit(0);
