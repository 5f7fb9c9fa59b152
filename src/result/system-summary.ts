// One worker's system samples (one a second) summarized per metric: min, avg,
// max and the 95th percentile (nearest rank).
import type { SystemSample } from "../stats/types";
import type { SystemSummary, WorkerSystemSummary } from "./types";

export function summarize(values: number[]): SystemSummary {
  if (values.length === 0) return { min: 0, avg: 0, max: 0, p95: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(0, Math.ceil(0.95 * sorted.length) - 1);
  return {
    min: sorted[0]!,
    avg: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    max: sorted.at(-1)!,
    p95: sorted[rank]!,
  };
}

export function summarizeSystem(samples: SystemSample[]): WorkerSystemSummary {
  const of = (f: (s: SystemSample) => number) => summarize(samples.map(f));
  // On a single host all broker traffic is loopback, which the network figures leave out.
  const loopback = samples.some((s) => s.loopbackRxBytesPerSec !== undefined)
    ? { loopbackRxBytesPerSec: of((s) => s.loopbackRxBytesPerSec ?? 0), loopbackTxBytesPerSec: of((s) => s.loopbackTxBytesPerSec ?? 0) }
    : {};
  return {
    ...loopback,
    samples: samples.length,
    cpuPercent: of((s) => s.cpuPercent),
    memoryUsedBytes: of((s) => s.memoryUsedBytes),
    processRssBytes: of((s) => s.processRssBytes),
    netRxBytesPerSec: of((s) => s.netRxBytesPerSec),
    netTxBytesPerSec: of((s) => s.netTxBytesPerSec),
    diskReadBytesPerSec: of((s) => s.diskReadBytesPerSec),
    diskWriteBytesPerSec: of((s) => s.diskWriteBytesPerSec),
  };
}
