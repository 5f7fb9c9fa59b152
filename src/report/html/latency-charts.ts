// Latency over time (p50, p99, p99.9, max per period) for each latency kind,
// and the quantile curves of the whole measured phase on a "nines" axis.
// Per-period figures come from the periods' histograms when the result keeps
// them (omb), else from Java OMB's per-period series. All values in ms.
import { LATENCY_FLOOR_MS, ninesX } from "../format";
import { decodeHistogram } from "../../stats/histogram";
import type { LatencyHistograms } from "../../stats/types";
import { type ChartDef, hasValues, type Part } from "./chart-def";
import { type ChartSource, javaSeries } from "./source";

interface LatencyKind {
  key: keyof LatencyHistograms;
  id: string;
  title: string;
  /** Short name in the quantile chart's legend. */
  short: string;
  /** Prefix of Java OMB's per-period fields, and their unit's size in ms. */
  java?: { prefix: string; ms: number };
  /** Where the result keeps the quantile map of the merged histogram. */
  quantiles: (s: ChartSource) => unknown;
  /** The quantile map's unit's size in ms. */
  quantilesMs: number;
}

const KINDS: LatencyKind[] = [
  {
    key: "publishLatency",
    id: "publish-latency",
    title: "Publish latency (send → ack)",
    short: "publish",
    java: { prefix: "publishLatency", ms: 1 },
    quantiles: (s) => s.result.aggregatedPublishLatencyQuantiles,
    quantilesMs: 1,
  },
  {
    key: "intendedPublishLatency",
    id: "intended-publish-latency",
    title: "Publish latency from the intended send time (no coordinated omission)",
    short: "from intended send",
    quantiles: (s) => s.result.omb?.aggregatedIntendedPublishLatencyQuantiles,
    quantilesMs: 1,
  },
  {
    key: "publishDelay",
    id: "publish-delay",
    title: "Publish delay (actual − intended send time)",
    short: "publish delay",
    java: { prefix: "publishDelayLatency", ms: 0.001 },
    quantiles: (s) => s.result.aggregatedPublishDelayLatencyQuantiles,
    quantilesMs: 0.001,
  },
  {
    key: "endToEndLatency",
    id: "end-to-end-latency",
    title: "End-to-end latency (send → receive)",
    short: "end-to-end",
    java: { prefix: "endToEndLatency", ms: 1 },
    quantiles: (s) => s.result.aggregatedEndToEndLatencyQuantiles,
    quantilesMs: 1,
  },
];

const PERCENTILES = [
  { label: "p50", level: 50, java: "50pct" },
  { label: "p99", level: 99, java: "99pct" },
  { label: "p99.9", level: 99.9, java: "999pct" },
  { label: "max", level: 100, java: "Max" },
] as const;

/** On a log axis 0 cannot be drawn; below 1 µs the histograms tell nothing apart anyway. */
const floored = (ms: number | null) => (ms === null ? null : Math.max(ms, LATENCY_FLOOR_MS));

function overTime(kind: LatencyKind, source: ChartSource): Part[] {
  const { periods } = source;
  let columns: (number | null)[][];
  if (periods?.every((p) => p.histograms?.[kind.key])) {
    const decoded = periods.map((p) => decodeHistogram(p.histograms[kind.key]));
    columns = PERCENTILES.map(({ level }) =>
      decoded.map((h) => (h.totalCount === 0 ? null : floored(h.getValueAtPercentile(level) / 1000))),
    );
  } else if (kind.java) {
    const { prefix, ms } = kind.java;
    columns = PERCENTILES.map((p) => javaSeries(source, `${prefix}${p.java}`).map((v) => (v === null ? null : floored(v * ms))));
  } else return [];
  if (!columns.some(hasValues)) return [];
  return [{ series: PERCENTILES.map((p) => ({ label: p.label })), columns: [source.time, ...columns] }];
}

export const latencyOverTimeCharts: ChartDef[] = KINDS.map((kind) => ({
  id: kind.id,
  title: kind.title,
  note: "Per stats period: p50, p99, p99.9 and max of the period's merged histogram.",
  x: "time",
  y: { label: "latency", unit: "ms", log: true },
  parts: (source) => overTime(kind, source),
}));

/** Successive points closer than this on the log10 nines axis add nothing a reader can see. */
const MIN_STEP = 0.02;

/** A quantile map (percentile text → value) as nines-axis points, thinned, without the 100 % point. */
export function quantilePoints(map: unknown, unitMs: number): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  if (!map || typeof map !== "object") return { x, y };
  const entries = Object.entries(map as Record<string, unknown>)
    .map(([key, value]) => [Number(key), Number(value)] as const)
    .filter(([p, v]) => p >= 0 && p < 100 && Number.isFinite(v))
    .sort((a, b) => a[0] - b[0]);
  let last = -Infinity;
  for (const [i, [p, v]] of entries.entries()) {
    const at = Math.log10(ninesX(p));
    if (at - last < MIN_STEP && i < entries.length - 1) continue;
    last = at;
    x.push(ninesX(p));
    y.push(Math.max(v * unitMs, LATENCY_FLOOR_MS));
  }
  return { x, y };
}

export const quantileChart: ChartDef = {
  id: "latency-quantiles",
  title: "Latency by percentile, whole measured phase",
  note: "Quantile curves of the merged histograms (HdrHistogram style); the axis stretches the tail: 90 %, 99 %, 99.9 %, …",
  x: "nines",
  y: { label: "latency", unit: "ms", log: true },
  parts: (source) =>
    KINDS.flatMap((kind) => {
      const { x, y } = quantilePoints(kind.quantiles(source), kind.quantilesMs);
      return x.length ? [{ series: [{ label: kind.short }], columns: [x, y] }] : [];
    }),
};
