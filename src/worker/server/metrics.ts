// /metrics in Prometheus text format (0.0.4): counters, rates, latency
// quantiles read from the merged cumulative histograms, worker and system gauges.
import type { CountersStats, CumulativeLatencies, SystemSample } from "../../stats/types";
import { decodeHistogram } from "../../stats/histogram";
import type { LoadState } from "../api/types";

export interface MetricsInput {
  workerId: string;
  state: LoadState;
  counters: CountersStats;
  /** msg/s since the previous scrape; absent on the first one. */
  rates?: { publish: number; consume: number; errors: number };
  latencies: CumulativeLatencies;
  children: { alive: number; crashed: number };
  system?: SystemSample;
  processRssBytes: number;
}

const quantiles = [0.5, 0.75, 0.95, 0.99, 0.999, 1] as const;
const states: LoadState[] = ["idle", "initialized", "running", "stopped"];

export function renderMetrics(input: MetricsInput): string {
  const out: string[] = [];
  const label = `worker="${escapeLabel(input.workerId)}"`;
  const metric = (name: string, type: string, help: string, samples: [string, number][]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) out.push(`${name}{${label}${labels}} ${format(value)}`);
  };

  const c = input.counters;
  metric("omb_messages_sent_total", "counter", "Messages acked by the broker since load start.", [["", c.messagesSent]]);
  metric("omb_message_send_errors_total", "counter", "Sends that failed for good.", [["", c.messageSendErrors]]);
  metric("omb_messages_received_total", "counter", "Messages consumed (probes excluded).", [["", c.messagesReceived]]);
  metric("omb_probes_received_total", "counter", "Readiness probes consumed.", [["", c.probesReceived]]);
  if (input.rates) {
    const r = input.rates;
    metric("omb_publish_rate", "gauge", "Acked msg/s since the previous scrape.", [["", r.publish]]);
    metric("omb_publish_error_rate", "gauge", "Failed sends/s since the previous scrape.", [["", r.errors]]);
    metric("omb_consume_rate", "gauge", "Consumed msg/s since the previous scrape.", [["", r.consume]]);
  }

  const latency = (name: string, help: string, encoded: string) => {
    const h = decodeHistogram(encoded);
    out.push(`# HELP ${name} ${help} (cumulative since the last stats reset)`, `# TYPE ${name} summary`);
    if (h.totalCount > 0) {
      for (const q of quantiles) out.push(`${name}{${label},quantile="${q}"} ${format(h.getValueAtPercentile(q * 100) / 1e6)}`);
    }
    out.push(`${name}_sum{${label}} ${format((h.mean * h.totalCount) / 1e6)}`, `${name}_count{${label}} ${h.totalCount}`);
  };
  const l = input.latencies;
  latency("omb_publish_latency_seconds", "Send handed to the driver until acked", l.publishLatency);
  latency("omb_publish_delay_seconds", "Actual minus intended send time", l.publishDelay);
  latency("omb_intended_publish_latency_seconds", "Intended send time until acked", l.intendedPublishLatency);
  latency("omb_end_to_end_latency_seconds", "Send timestamp until consumed", l.endToEndLatency);

  metric(
    "omb_worker_state",
    "gauge",
    "1 for the worker's current load state.",
    states.map((s) => [`,state="${s}"`, s === input.state ? 1 : 0]),
  );
  metric("omb_worker_children", "gauge", "Child processes by status.", [
    [`,status="alive"`, input.children.alive],
    [`,status="crashed"`, input.children.crashed],
  ]);
  metric("omb_worker_resident_memory_bytes", "gauge", "RSS of the worker parent process.", [["", input.processRssBytes]]);

  const s = input.system;
  if (s) {
    metric("omb_system_cpu_percent", "gauge", "Host CPU use, last 1 s sample.", [["", s.cpuPercent]]);
    metric("omb_system_memory_used_bytes", "gauge", "Host memory in use.", [["", s.memoryUsedBytes]]);
    metric("omb_system_memory_total_bytes", "gauge", "Host memory.", [["", s.memoryTotalBytes]]);
    metric("omb_system_network_bytes_per_second", "gauge", "Host network throughput, last 1 s sample.", [
      [`,direction="rx"`, s.netRxBytesPerSec],
      [`,direction="tx"`, s.netTxBytesPerSec],
    ]);
    metric("omb_system_disk_bytes_per_second", "gauge", "Host disk throughput, last 1 s sample.", [
      [`,direction="read"`, s.diskReadBytesPerSec],
      [`,direction="write"`, s.diskWriteBytesPerSec],
    ]);
  }
  return `${out.join("\n")}\n`;
}

/** Rates between scrapes, from the monotonically growing counters. */
export class ScrapeRates {
  private previous: { at: number; counters: CountersStats } | null = null;

  next(counters: CountersStats, at = performance.now()): MetricsInput["rates"] {
    const prev = this.previous;
    this.previous = { at, counters };
    const seconds = prev ? (at - prev.at) / 1000 : 0;
    // Counters restart at a new run; a drop means "no meaningful rate yet".
    if (!prev || seconds <= 0 || counters.messagesSent < prev.counters.messagesSent) return undefined;
    return {
      publish: (counters.messagesSent - prev.counters.messagesSent) / seconds,
      consume: Math.max(0, counters.messagesReceived - prev.counters.messagesReceived) / seconds,
      errors: Math.max(0, counters.messageSendErrors - prev.counters.messageSendErrors) / seconds,
    };
  }
}

function format(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}
