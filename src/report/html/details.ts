// What was run, where and with what: the run's facts, the workload, the
// driver config (as the result holds it: secrets redacted), the workers, and
// reconciliation per subscription. Tables take their columns from the data,
// so fields later added to the result show without changes here.
import type { ResultFile } from "../../result/reader";
import type { OmbBlock, SubscriptionReconciliation, WorkerResult } from "../../result/types";
import { formatFigure, formatValue } from "../format";
import { esc, fields, table, words, type Column } from "./markup";
import { workerLabel } from "./system-charts";

const when = (iso: string) => esc(iso.replace("T", " ").replace(/\.\d+Z$/, " UTC").replace(/Z$/, " UTC"));

export function runFacts(result: ResultFile, file: string): string {
  const omb = result.omb;
  const entries: [string, string][] = [["result file", `<code>${esc(file)}</code>`]];
  if (omb) {
    entries.push(
      ["test id", esc(omb.testId)],
      ["started", when(omb.startedAt)],
      ["ended", when(omb.endedAt)],
      ["measured window", `${formatValue(omb.throughput.seconds, "s")}, stats every ${formatValue(omb.statsIntervalSeconds, "s")}`],
      ["target rate", omb.targetRate > 0 ? esc(formatFigure(omb.targetRate, "msg/s")) : "maximum sustainable rate (discovered)"],
      ["versions", esc(`omb ${omb.versions.omb} (commit ${omb.versions.commit}), bun ${omb.versions.bun}`)],
      ["topics", esc(omb.topicNames.join(", ") || "none")],
      ["topic cleanup", esc(cleanupText(omb))],
    );
    const errors = Object.entries(omb.errorsByType);
    entries.push(["publish errors", errors.length ? esc(errors.map(([k, n]) => `${k}: ${n}`).join(", ")) : "none"]);
  }
  return fields(entries);
}

function cleanupText(omb: OmbBlock): string {
  const c = omb.topicCleanup;
  if (c.kept) return `kept; delete with: ${c.command ?? ""}`;
  if (c.leftovers.length) return `${c.leftovers.length} left; delete with: ${c.command ?? ""}`;
  return `${c.deleted.length} deleted`;
}

const value = (v: unknown) => esc(typeof v === "object" && v !== null ? JSON.stringify(v) : String(v));

export function workloadFields(result: ResultFile): string {
  const omb = result.omb;
  if (!omb) {
    const java = ["workload", "messageSize", "topics", "partitions", "producersPerTopic", "consumersPerTopic"] as const;
    return fields(java.map((k) => [k, value(result[k])]));
  }
  return fields([["source", `<code>${esc(omb.workloadSource)}</code>`], ...Object.entries(omb.workload).map(([k, v]): [string, string] => [k, value(v)])]);
}

export function driverFields(result: ResultFile): string {
  const omb = result.omb;
  if (!omb) return fields([["driver", value(result.driver)]]);
  const d = omb.driverConfig;
  const config = (props: Record<string, unknown>) => {
    const entries = Object.entries(props);
    return entries.length ? `<code>${entries.map(([k, v]) => `${esc(k)}=${value(v)}`).join("<br>")}</code>` : "–";
  };
  const warnings = omb.driverWarnings.length ? `<ul class="problems">${omb.driverWarnings.map((w) => `<li>${esc(w)}</li>`).join("")}</ul>` : "none";
  return fields([
    ["source", `<code>${esc(omb.driverSource)}</code>`],
    ["name", esc(d.name)],
    ["driverClass", esc(d.driverClass)],
    ["client", esc(d.client ?? "–")],
    ["replicationFactor", value(d.replicationFactor)],
    ["reset", value(d.reset)],
    ["commonConfig", config(d.commonConfig)],
    ["producerConfig", config(d.producerConfig)],
    ["consumerConfig", config(d.consumerConfig)],
    ["topicConfig", config(d.topicConfig)],
    ["warnings", warnings],
  ]);
}

/** Fields of a worker that are not shown as numbers of their own column. */
const WORKER_SKIP = new Set(["id", "roles", "version", "processes", "lost", "crashedChildren", "producers", "subscriptions", "system", "systemSeries"]);

export function workersTable(workers: readonly WorkerResult[]): string {
  const summary = (w: WorkerResult, field: "cpuPercent" | "memoryUsedBytes" | "processRssBytes", unit: "%" | "bytes") => {
    const s = w.system?.[field];
    return s ? esc(`${formatValue(s.avg, unit)} / ${formatValue(s.max, unit)}`) : "–";
  };
  // Every other field (the message counts; a clock offset when the result has one) gets a column.
  const extra = [...new Set(workers.flatMap((w) => Object.keys(w)))].filter((k) => !WORKER_SKIP.has(k));
  const columns: Column<WorkerResult>[] = [
    { head: "worker", cell: (w) => esc(workerLabel(w.id)) },
    { head: "roles", cell: (w) => esc(w.roles.join(" + ") || "idle") },
    { head: "version", cell: (w) => esc(w.version ?? "–") },
    { head: "processes", cell: (w) => esc(w.processes ?? "–"), num: true },
    ...extra.map((k): Column<WorkerResult> => ({
      head: words(k),
      cell: (w) => {
        const v = (w as unknown as Record<string, unknown>)[k];
        return typeof v === "number" ? esc(v.toLocaleString("en-US")) : value(v ?? "–");
      },
      num: true,
    })),
    { head: "CPU avg / max", cell: (w) => summary(w, "cpuPercent", "%"), num: true },
    { head: "host memory avg / max", cell: (w) => summary(w, "memoryUsedBytes", "bytes"), num: true },
    { head: "omb RSS avg / max", cell: (w) => summary(w, "processRssBytes", "bytes"), num: true },
    {
      head: "state",
      cell: (w) =>
        w.lost
          ? `<span class="bad">lost: ${esc(w.lost)}</span>`
          : w.crashedChildren.length
            ? `<span class="bad">${w.crashedChildren.length} child processes died</span>`
            : "completed",
    },
  ];
  return table(workers, columns);
}

export function reconciliationTable(omb: OmbBlock): string {
  const rec = omb.reconciliation;
  const rows = rec.subscriptions;
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((k) => k !== "topic" && k !== "subscription");
  const num = (r: SubscriptionReconciliation, k: string) => (r as unknown as Record<string, unknown>)[k];
  const bad = (k: string, v: unknown) => typeof v === "number" && v > 0 && (k === "lost" || (k === "duplicated" && !rec.duplicatesAllowed));
  const columns: Column<SubscriptionReconciliation>[] = [
    { head: "topic", cell: (r) => esc(r.topic) },
    { head: "subscription", cell: (r) => esc(r.subscription) },
    ...keys.map((k): Column<SubscriptionReconciliation> => ({
      head: words(k),
      cell: (r) => {
        const v = num(r, k);
        const text = typeof v === "number" ? formatValue(v, "count") : value(v ?? "–");
        return bad(k, v) ? `<span class="bad">${esc(text)}</span>` : esc(text);
      },
      num: true,
    })),
  ];
  const notes = [
    rec.complete ? "" : "Incomplete: the counts cover only the workers that reported at the end.",
    rec.duplicatesNote ? `Duplicates ${rec.duplicatesAllowed ? "allowed" : "not allowed"}: ${rec.duplicatesNote}` : "",
  ].filter(Boolean);
  return `${table(rows, columns)}${notes.map((n) => `<p class="note">${esc(n)}</p>`).join("")}`;
}
