// One stats period as Java OMB prints it (WorkloadGenerator's log line, same
// fields, units and padding) followed by the end-to-end latency it leaves out.
import type { PeriodFigures } from "../result/period";
import type { LatencyFigures } from "../result/types";

/** Java's PaddingDecimalFormat("0.0", width). */
const fixed1 = (value: number, width: number) => value.toFixed(1).padStart(width);

const rate = (v: number) => fixed1(v, 7);
const dec = (v: number) => fixed1(v, 4);

function latency(label: string, f: LatencyFigures): string {
  return `${label} avg: ${dec(f.avg)} - 50%: ${dec(f.p50)} - 99%: ${dec(f.p99)} - 99.9%: ${dec(f.p999)} - Max: ${dec(f.max)}`;
}

export function periodLine(p: PeriodFigures): string {
  return [
    `Pub rate ${rate(p.publishRate)} msg/s / ${dec(p.publishMBps)} MB/s`,
    `Pub err ${rate(p.publishErrorRate)} err/s${errorTypes(p.errorsByType)}`,
    `Cons rate ${rate(p.consumeRate)} msg/s / ${dec(p.consumeMBps)} MB/s`,
    `Backlog: ${dec(p.backlog / 1000)} K`,
    latency("Pub Latency (ms)", p.publishLatency),
    latency("Pub Delay Latency (us)", p.publishDelay),
    latency("E2E Latency (ms)", p.endToEndLatency),
  ].join(" | ");
}

/** The period's failed sends by type, when there were any (Java OMB prints only the rate). */
function errorTypes(errors: Record<string, number>): string {
  const list = Object.entries(errors).filter(([, n]) => n > 0);
  return list.length ? ` (${list.map(([type, n]) => `${type} ${n}`).join(", ")})` : "";
}

/** Java OMB's closing "Aggregated" line over the whole measured phase. */
export function aggregatedLine(publish: LatencyFigures, delay: LatencyFigures, e2e: LatencyFigures): string {
  const full = (label: string, f: LatencyFigures) =>
    `${label} avg: ${dec(f.avg)} - 50%: ${dec(f.p50)} - 95%: ${dec(f.p95)} - 99%: ${dec(f.p99)} - 99.9%: ${dec(f.p999)} - 99.99%: ${dec(f.p9999)} - Max: ${dec(f.max)}`;
  return `----- Aggregated ${full("Pub Latency (ms)", publish)} | ${full("Pub Delay (us)", delay)} | ${full("E2E Latency (ms)", e2e)}`;
}
