// The headline figures of a result, as the report's tiles and its comparison
// table show them: one list, so both always show the same numbers.
import type { SummaryRow } from "../summary-row";
import type { Unit } from "../format";

export interface Figure {
  label: string;
  unit: Unit;
  pick(row: SummaryRow): number | undefined;
  /** Which way is an improvement, for colouring differences; neither for plain counts. */
  better?: "higher" | "lower";
  /** Shown as a tile at the top of a one-result report. */
  headline?: boolean;
}

const latency = (label: string, pick: (r: SummaryRow) => number | undefined, headline = false): Figure => ({
  label,
  unit: "ms",
  pick,
  better: "lower",
  headline,
});

export const FIGURES: Figure[] = [
  { label: "publish rate", unit: "msg/s", pick: (r) => r.publishRate, better: "higher", headline: true },
  { label: "consume rate", unit: "msg/s", pick: (r) => r.consumeRate, better: "higher", headline: true },
  { label: "publish throughput", unit: "MiB/s", pick: (r) => r.publishMBps, better: "higher" },
  latency("publish latency p50", (r) => r.publishLatency.p50),
  latency("publish latency p99", (r) => r.publishLatency.p99, true),
  latency("publish latency p99.9", (r) => r.publishLatency.p999),
  latency("publish latency max", (r) => r.publishLatency.max),
  latency("from intended send p99", (r) => r.intendedPublishLatency?.p99, true),
  latency("from intended send p99.9", (r) => r.intendedPublishLatency?.p999),
  latency("publish delay p99", (r) => r.publishDelay.p99 / 1000, true),
  latency("publish delay max", (r) => r.publishDelay.max / 1000),
  latency("end-to-end p50", (r) => r.endToEndLatency.p50),
  latency("end-to-end p99", (r) => r.endToEndLatency.p99, true),
  latency("end-to-end p99.9", (r) => r.endToEndLatency.p999),
  latency("end-to-end max", (r) => r.endToEndLatency.max),
  { label: "acked", unit: "count", pick: (r) => r.acked },
  { label: "lost", unit: "count", pick: (r) => r.lost, better: "lower", headline: true },
  { label: "duplicated", unit: "count", pick: (r) => r.duplicated, better: "lower" },
  { label: "publish errors", unit: "count", pick: (r) => r.publishErrors, better: "lower" },
];
