// Kafka's own consumer-side tools from the broker's jars, run and parsed:
// ConsumerPerformance (a fresh group reads a topic from its start) and
// EndToEndLatency (one record at a time, sent and read back). CPU of the JVM
// is read from /proc from its first report after the group join to its exit,
// so the JVM's start and the join are left out as they are for omb.
import { type CpuWindow, cpuWindow } from "./proc-cpu";
import { streamLines } from "../../src/stream-lines";

export interface ConsumerPerfResult {
  /** Messages read from the first report after the join to the last. */
  messages: number;
  rate: number;
  cpu: CpuWindow;
}

const java = (libs: string, main: string, args: string[]) => ["java", "-Xms512m", "-Xmx512m", "-cp", `${libs}/*`, main, ...args];

/** ConsumerPerformance reading `messages` messages of `topic` in a fresh group, with 500 ms reports. */
export async function runConsumerPerformance(libs: string, bootstrap: string, topic: string, messages: number): Promise<ConsumerPerfResult> {
  const argv = java(libs, "org.apache.kafka.tools.ConsumerPerformance", [
    "--bootstrap-server", bootstrap, "--topic", topic, "--messages", String(messages),
    "--group", `omb-bench-cp-${Date.now().toString(36)}`, "--show-detailed-stats", "--reporting-interval", "500", "--timeout", "120000",
  ]);
  const child = Bun.spawn(argv, { stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const stderr = new Response(child.stderr).text();
  let first: { count: number; atNs: number } | undefined;
  let cpu: ReturnType<typeof cpuWindow> | undefined;
  let last = 0;
  for await (const line of streamLines(child.stdout)) {
    const fields = line.split(",").map((f) => f.trim());
    const count = Number(fields[4]);
    if (fields.length < 10 || !Number.isFinite(count)) continue;
    last = count;
    // The first report comes right after the join; from there on the tool only reads.
    if (!first) {
      first = { count, atNs: Bun.nanoseconds() };
      cpu = cpuWindow([{ name: "ConsumerPerformance (JVM)", pid: child.pid }]);
    }
  }
  // Its exit is the end: the last report can be up to 500 ms before it, so the /proc window ends at exit.
  const window = cpu?.end();
  const endNs = Bun.nanoseconds();
  const code = await child.exited;
  if (code !== 0 || !first || !window || last === 0) throw new Error(`ConsumerPerformance exited ${code}:\n${(await stderr).slice(-2000)}`);
  if ((await stderr).includes("Exiting before consuming")) throw new Error(`ConsumerPerformance timed out: ${(await stderr).slice(-500)}`);
  const read = messages - first.count;
  return { messages: read, rate: read / ((endNs - first.atNs) / 1e9), cpu: window };
}

export interface EndToEndResult {
  avgMs: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
}

/** EndToEndLatency: `records` records of `size` bytes one at a time with acks=`acks`; its percentiles are whole ms. */
export async function runEndToEndLatency(libs: string, bootstrap: string, topic: string, records: number, acks: string, size: number): Promise<EndToEndResult> {
  const argv = java(libs, "org.apache.kafka.tools.EndToEndLatency", [bootstrap, topic, String(records), acks, String(size)]);
  const proc = Bun.spawn(argv, { stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const [out, err] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text()]);
  const code = await proc.exited;
  const avg = /Avg latency: ([\d.]+) ms/.exec(out);
  const pct = /Percentiles: 50th = (\d+), 99th = (\d+), 99\.9th = (\d+)/.exec(out);
  if (code !== 0 || !avg || !pct) throw new Error(`EndToEndLatency exited ${code}:\n${out.slice(-1000)}\n${err.slice(-1000)}`);
  return { avgMs: Number(avg[1]), p50Ms: Number(pct[1]), p99Ms: Number(pct[2]), p999Ms: Number(pct[3]) };
}
