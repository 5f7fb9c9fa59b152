// Kafka's own producer benchmark (org.apache.kafka.tools.ProducerPerformance
// from the broker's jars), run unthrottled or at a fixed rate, with its summary parsed. Its
// report lines every ~5 s give a steady-state rate that leaves out the JVM's
// start and warmup, comparable to omb's figure after its warmup.
import { type CpuWindow, cpuWindow } from "./proc-cpu";
import { streamLines } from "../../src/stream-lines";

export interface PerfRun {
  libs: string;
  bootstrap: string;
  topic: string;
  records: number;
  recordSize: number;
  /** msg/s for --throughput; unthrottled (-1) when absent. */
  throughput?: number;
  /** Producer properties besides bootstrap.servers. */
  props: Record<string, string | number>;
  brokerPid: number;
  log(line: string): void;
}

export interface PerfSummary {
  records: number;
  recordsPerSec: number;
  mbPerSec: number;
  avgLatencyMs: number;
  maxLatencyMs: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  p999Ms: number;
}

export interface PerfResult {
  /** The tool's own final line, over the whole run (JVM start and warmup included). */
  summary: PerfSummary;
  /** Records/s after its first report window (absent when the run ended before a first report). */
  steadyRate?: number;
  /** From the first report line to the last (tool and broker), and the records sent meanwhile. */
  cpu?: { window: CpuWindow; records: number };
  command: string;
}

const NUMBER = String.raw`([\d.]+)`;
const WINDOW = new RegExp(
  String.raw`^(\d+) records sent, ${NUMBER} records/sec \(${NUMBER} MB/sec\), ${NUMBER} ms avg latency, ${NUMBER} ms max latency\.$`,
);
const SUMMARY = new RegExp(
  String.raw`^(\d+) records sent, ${NUMBER} records/sec \(${NUMBER} MB/sec\), ${NUMBER} ms avg latency, ${NUMBER} ms max latency, ` +
    String.raw`(\d+) ms 50th, (\d+) ms 95th, (\d+) ms 99th, (\d+) ms 99\.9th\.$`,
);

export async function runProducerPerformance(run: PerfRun): Promise<PerfResult> {
  const props = Object.entries({ "bootstrap.servers": run.bootstrap, ...run.props }).map(([k, v]) => `${k}=${v}`);
  const argv = [
    "java",
    "-Xms512m",
    "-Xmx512m",
    "-cp",
    `${run.libs}/*`,
    "org.apache.kafka.tools.ProducerPerformance",
    "--topic",
    run.topic,
    "--num-records",
    String(run.records),
    "--record-size",
    String(run.recordSize),
    "--throughput",
    String(run.throughput ?? -1),
    "--producer-props",
    ...props,
  ];
  const child = Bun.spawn(argv, { stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  const stderr = new Response(child.stderr).text();
  const windows: { records: number; rate: number }[] = [];
  let summary: PerfSummary | undefined;
  let cpu: ReturnType<typeof cpuWindow> | undefined;
  let cpuUse: PerfResult["cpu"];
  for await (const raw of streamLines(child.stdout)) {
    const line = raw.trim();
    const w = WINDOW.exec(line);
    if (w) {
      run.log(`ProducerPerformance: ${line}`);
      // CPU from the first report to the last one: the steady part of the run.
      windows.push({ records: Number(w[1]), rate: Number(w[2]) });
      if (cpu) cpuUse = { window: cpu.end(), records: windows.slice(1).reduce((a, x) => a + x.records, 0) };
      else cpu = cpuWindow([{ name: "ProducerPerformance (JVM)", pid: child.pid }, { name: "broker (JVM)", pid: run.brokerPid }]);
    }
    const s = SUMMARY.exec(line);
    if (s) {
      run.log(`ProducerPerformance summary: ${line}`);
      const n = s.slice(1).map(Number);
      summary = {
        records: n[0]!,
        recordsPerSec: n[1]!,
        mbPerSec: n[2]!,
        avgLatencyMs: n[3]!,
        maxLatencyMs: n[4]!,
        p50Ms: n[5]!,
        p95Ms: n[6]!,
        p99Ms: n[7]!,
        p999Ms: n[8]!,
      };
    }
  }
  const code = await child.exited;
  if (code !== 0 || !summary) {
    throw new Error(`${argv.slice(0, 6).join(" ")} … exited ${code} without a summary line:\n${(await stderr).trim().slice(-2000)}`);
  }
  // The whole run's time from its summary, less the first window's (JVM start and warmup).
  const first = windows[0];
  const steadyRate = first
    ? (summary.records - first.records) / (summary.records / summary.recordsPerSec - first.records / first.rate)
    : undefined;
  return { summary, steadyRate, cpu: cpuUse, command: argv.join(" ") };
}
