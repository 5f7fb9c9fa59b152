// Markdown comparison of saved results: one column per result, one row per
// figure, so two or more runs read side by side (as in a PR or a lab notebook).
import type { LatencyFigures } from "../result/types";
import type { SummaryRow } from "./summary-row";

const f1 = (v: number | undefined) => (v === undefined ? "–" : v.toFixed(1));
const f2 = (v: number | undefined) => (v === undefined ? "–" : v.toFixed(2));
const int = (v: number | undefined) => (v === undefined ? "–" : Math.round(v).toLocaleString("en-US"));

const latencyRows = (label: string, unit: string, pick: (r: SummaryRow) => LatencyFigures | undefined, fmt = f2) =>
  (["p50", "p99", "p999", "max"] as const).map(
    (p) => [`${label} ${p === "p999" ? "p99.9" : p} (${unit})`, (r: SummaryRow) => fmt(pick(r)?.[p])] as const,
  );

const ROWS: (readonly [string, (r: SummaryRow) => string])[] = [
  ["workload", (r) => r.workload],
  ["driver", (r) => r.driver],
  ["client", (r) => r.client ?? "–"],
  ["status", (r) => r.status],
  ["topics × partitions", (r) => `${r.topics} × ${r.partitions}`],
  ["message size (B)", (r) => int(r.messageSize)],
  ["producers / consumers per topic", (r) => `${r.producersPerTopic} / ${r.consumersPerTopic}`],
  ["target rate (msg/s)", (r) => (r.targetRate === undefined ? "–" : r.targetRate === 0 ? "max" : int(r.targetRate))],
  ["publish rate (msg/s)", (r) => f1(r.publishRate)],
  ["publish (MB/s)", (r) => f2(r.publishMBps)],
  ["consume rate (msg/s)", (r) => f1(r.consumeRate)],
  ["publish rate min / max per period", (r) => `${f1(r.publishRateSeries.min)} / ${f1(r.publishRateSeries.max)}`],
  ["publish latency avg (ms)", (r) => f2(r.publishLatency.avg)],
  ...latencyRows("publish latency", "ms", (r) => r.publishLatency),
  ...latencyRows("from intended send", "ms", (r) => r.intendedPublishLatency),
  ...latencyRows("publish delay", "µs", (r) => r.publishDelay, int),
  ["end-to-end avg (ms)", (r) => f2(r.endToEndLatency.avg)],
  ...latencyRows("end-to-end", "ms", (r) => r.endToEndLatency),
  ["acked", (r) => int(r.acked)],
  ["lost", (r) => int(r.lost)],
  ["duplicated", (r) => int(r.duplicated)],
  ["publish errors", (r) => int(r.publishErrors)],
];

const escape = (s: string) => s.replace(/\|/g, "\\|");

export function markdownReport(rows: SummaryRow[]): string {
  const head = ["", ...rows.map((r) => escape(r.testId || r.file))];
  const lines = [`| ${head.join(" | ")} |`, `|${head.map((_, i) => (i === 0 ? " --- " : " ---: ")).join("|")}|`];
  for (const [label, get] of ROWS) lines.push(`| ${[label, ...rows.map((r) => escape(get(r)))].join(" | ")} |`);
  const notes = rows.filter((r) => r.latencySource === "aggregated fields").map((r) => r.file);
  const footer = [
    "",
    "Latencies re-computed from each result's merged histograms; publish delay = actual − intended send time.",
    ...(notes.length ? [`Java OMB results without histograms (aggregated fields used): ${notes.join(", ")}`] : []),
  ];
  return `${lines.join("\n")}\n${footer.join("\n")}\n`;
}
