// How many messages per second one producer process can pace, build and
// measure with no broker: the limiter at a rate far above what it can reach,
// a message per send (key + omb headers + payload reference), the stats a
// producer records (send count; at each simulated batch ack publish latency,
// publish delay and intended latency), acks arriving per batch as from a real
// client. Prints each run and the median, as wall-clock msg/s and as messages
// per CPU-second of this process (steadier on a shared machine).
//
//   bun bench/harness-ceiling.ts [--seconds 3] [--runs 3] [--key KEY_ROUND_ROBIN] [--size 1024]
import { parseArgs } from "node:util";
import type { KeyDistributorType } from "../src/config/types";
import type { OutgoingMessage } from "../src/drivers/driver";
import { createKeyDistributor } from "../src/message/key-distributor";
import { MessageFactory } from "../src/message/message-factory";
import { PayloadPool } from "../src/message/payload";
import { wallClockMicrosAt } from "../src/message/wall-clock";
import { PacedLoop } from "../src/pacer/paced-loop";
import { StatsRecorder } from "../src/stats/stats-recorder";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "3" },
    runs: { type: "string", default: "3" },
    key: { type: "string", default: "KEY_ROUND_ROBIN" },
    size: { type: "string", default: "1024" },
  },
});
const seconds = Number(args.seconds);
const runs = Number(args.runs);
const keyType = args.key as KeyDistributorType;
const size = Number(args.size);

/** Acks come per batch, like a client's produce response: one clock read per batch. */
const BATCH = 1000;
const RATE = 1e9;

interface RunResult {
  perSecond: number;
  perCpuSecond: number;
}

function runOnce(): Promise<RunResult> {
  const stats = new StatsRecorder();
  const factory = new MessageFactory(
    "bench-producer-0",
    new PayloadPool({ kind: "random", size, randomBytesRatio: 0.5, poolSize: 100 }),
    createKeyDistributor(keyType),
  );
  const inFlight: OutgoingMessage[] = [];
  const sentAt = new Float64Array(BATCH);
  const intendedAt = new Float64Array(BATCH);
  let messages = 0;

  const ackBatch = () => {
    const ackNs = Bun.nanoseconds();
    for (let i = 0; i < inFlight.length; i++) {
      stats.recordAck(
        inFlight[i]!.value.length,
        (ackNs - sentAt[i]!) / 1000,
        (sentAt[i]! - intendedAt[i]!) / 1000,
        (ackNs - intendedAt[i]!) / 1000,
      );
    }
    inFlight.length = 0;
  };

  return new Promise((resolve) => {
    const cpuAtStart = process.cpuUsage();
    const startNs = Bun.nanoseconds();
    const endNs = startNs + seconds * 1e9;
    const loop = new PacedLoop({
      rate: RATE,
      maxPerTurn: BATCH,
      send(sequence, intendedNs, nowNs) {
        if (nowNs >= endNs) {
          loop.stop();
          ackBatch();
          void stats.drainPeriod();
          const cpu = process.cpuUsage(cpuAtStart);
          resolve({
            perSecond: messages / ((nowNs - startNs) / 1e9),
            perCpuSecond: messages / ((cpu.user + cpu.system) / 1e6),
          });
          return false;
        }
        const slot = inFlight.length;
        sentAt[slot] = nowNs;
        intendedAt[slot] = intendedNs;
        inFlight.push(factory.next(sequence, wallClockMicrosAt(nowNs)));
        stats.recordSend();
        messages++;
        if (inFlight.length === BATCH) ackBatch();
      },
    });
    loop.start();
  });
}

const format = (n: number) => Math.round(n).toLocaleString("en-US");
const results: RunResult[] = [];
for (let run = 1; run <= runs; run++) {
  const result = await runOnce();
  results.push(result);
  console.log(`run ${run}: ${format(result.perSecond)} msg/s (${format(result.perCpuSecond)} msg per CPU-second)`);
}
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
console.log(
  `median of ${runs}: ${format(median(results.map((r) => r.perSecond)))} msg/s per process ` +
    `(${format(median(results.map((r) => r.perCpuSecond)))} msg per CPU-second; ` +
    `${keyType}, ${size} B payloads, ${seconds} s runs, Bun ${Bun.version})`,
);
