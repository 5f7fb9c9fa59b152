// The floor under any publish delay figure on this machine: omb's own paced
// loop at the same rate with nothing to send (no message, no client, no
// stats), recording only how late each send came. Whatever delay it shows is
// the host's (hypervisor steal, other tenants, the collector's own timers),
// not the worker's; publish-delay.ts runs it right after each omb phase.
//
//   bun bench/pacer-floor.ts [--rate 10000] [--seconds 20] [--warmup 2] [--json]
import { parseArgs } from "node:util";
import { PacedLoop } from "../src/pacer/paced-loop";
import { decodeHistogram, summarizeHistogram } from "../src/stats/histogram";
import { LatencyRecorder } from "../src/stats/latency-recorder";
import { fmt, positiveInt } from "./lib/bench-env";
import { cpuWindow } from "./lib/proc-cpu";

const { values: args } = parseArgs({
  options: {
    rate: { type: "string", default: "10000" },
    seconds: { type: "string", default: "20" },
    warmup: { type: "string", default: "2" },
    json: { type: "boolean", default: false },
  },
});
const rate = positiveInt("--rate", args.rate);
const seconds = positiveInt("--seconds", args.seconds);
const warmup = positiveInt("--warmup", args.warmup);

const delays = new LatencyRecorder();
let measuring = false;
const loop = new PacedLoop({
  rate,
  send: (_index, intendedNs, nowNs) => {
    if (measuring) delays.record((nowNs - intendedNs) / 1000);
  },
});
loop.start();
await Bun.sleep(warmup * 1000);
measuring = true;
const cpu = cpuWindow([{ name: "pacer floor", pid: process.pid }]);
await Bun.sleep(seconds * 1000);
const window = cpu.end();
loop.stop();

const delay = summarizeHistogram(decodeHistogram(delays.encode()));
const floor = { rate, seconds, ...delay, stealPercent: window.stealPercent, cpuPercent: window.processes[0]!.percent };
if (args.json) console.log(JSON.stringify(floor));
else {
  console.log(`pacer alone at ${fmt(rate)} msg/s for ${seconds} s; hypervisor steal ${fmt(window.stealPercent, 1)} %`);
  console.log(`delay µs: p50 ${fmt(delay.p50)}, p99 ${fmt(delay.p99)}, p99.9 ${fmt(delay.p999)}, max ${fmt(delay.max)}`);
  console.log(`CPU of the pacer alone: ${fmt(window.processes[0]!.percent, 1)} % of a core (${fmt((window.processes[0]!.percent / 100 / rate) * 1e6, 2)} µs per message)`);
}
