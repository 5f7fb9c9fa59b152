// The end-of-run summary on the console (k6 style): thresholds first, then the
// validity checks and warnings, then the figures that matter. A pure renderer
// over the test result and its verdict.
import { e2eClockUncertainty } from "../result/load-warnings";
import { judge } from "../result/verdict";
import type { LatencyFigures, TestResult, Verdict } from "../result/types";
import type { Style } from "./style";

const n1 = (v: number) => v.toFixed(1);
const n2 = (v: number) => v.toFixed(2);

function latency(f: LatencyFigures, unit: string, fmt = n2): string {
  if (f.max === 0 && f.avg === 0) return "no values";
  return `avg ${fmt(f.avg)}  p50 ${fmt(f.p50)}  p99 ${fmt(f.p99)}  p99.9 ${fmt(f.p999)}  max ${fmt(f.max)} ${unit}`;
}

function dotted(label: string, value: string, style: Style): string {
  return `  ${label} ${style.dim(".".repeat(Math.max(2, 22 - label.length)))} ${value}`;
}

/** The verdict lines: thresholds, then checks, then warnings. */
export function verdictLines(verdict: Verdict, style: Style): string[] {
  const mark = (ok: boolean) => (ok ? style.ok("✓") : style.bad("✗"));
  return [
    ...verdict.thresholds.map((t) => `  ${mark(t.ok)} ${t.threshold}  ${t.shown}`),
    ...verdict.checks.map((c) => `  ${mark(c.ok)} ${c.label}`),
    ...verdict.warnings.map((w) => `  ${style.warn("!")} ${style.warn(w.message)}`),
  ];
}

/** `verdict`: the stored one unless given (`omb report --threshold` re-judges). */
export function renderSummary(result: TestResult, style: Style, files?: { json: string; beside: string[] }, verdict = result.omb.verdict ?? judge(result)): string {
  const { omb } = result;
  const statusText = verdict.status === "ok" ? style.ok(verdict.status) : style.bad(verdict.status);
  const lines = [
    "",
    style.bold(`  ${omb.testId}`) + `  workload ${result.workload} · driver ${result.driver} · ${statusText} (exit ${verdict.exitCode})`,
    "",
    ...verdictLines(verdict, style),
    "",
  ];
  const rows: [string, string][] = [];
  if (result.publishRate.length === 0) rows.push(["figures", "none: no period was measured"]);
  else rows.push(...figureRows(result));
  for (const w of omb.workers) {
    const roles = w.roles.join("+") || "idle";
    const cpu = w.system?.cpuPercent ? `cpu avg ${n1(w.system.cpuPercent.avg)} % max ${n1(w.system.cpuPercent.max)} %` : "no system samples";
    const state = w.lost ? style.bad(`LOST: ${w.lost}`) : w.crashedChildren.length ? style.bad(`${w.crashedChildren.length} child processes died`) : cpu;
    const clock = omb.clock?.find((c) => c.worker === w.id);
    const offset = clock ? `  clock ${clock.offsetMs >= 0 ? "+" : ""}${n2(clock.offsetMs)} ± ${n2(clock.uncertaintyMs)} ms` : "";
    rows.push([`worker (${roles})`, `${w.id}  ${state}${offset}`]);
  }
  const c = omb.topicCleanup;
  rows.push([
    "topics",
    c.notCreated ? "none created" : c.kept ? `kept: ${c.command}` : c.leftovers.length ? style.warn(`${c.leftovers.length} left; delete with: ${c.command}`) : `${c.deleted.length} deleted`,
  ]);
  if (files) {
    // The HTML report gets a line of its own: it is the file to open.
    const html = files.beside.filter((f) => f.endsWith(".html"));
    const others = files.beside.filter((f) => !html.includes(f));
    rows.push(["result", [files.json, ...others.map((f) => style.dim(f))].join("  ")]);
    for (const f of html) rows.push(["html report", f]);
  }
  lines.push(...rows.map(([label, value]) => dotted(label, value, style)), "");
  return lines.join("\n");
}

function figureRows(result: TestResult): [string, string][] {
  const { omb } = result;
  const t = omb.throughput;
  const rows: [string, string][] = [
    ["window", `${n1(t.seconds)} s measured (earliest start to latest end over all workers)`],
    ["publish", `${n1(t.publishRate)} msg/s  ${n2(t.publishMBps)} MB/s  (${t.messagesSent} acked)`],
    ["consume", `${n1(t.consumeRate)} msg/s  ${n2(t.consumeMBps)} MB/s  (${t.messagesReceived} received)`],
  ];
  if (omb.targetRate > 0) {
    const off = ((t.publishRate - omb.targetRate) / omb.targetRate) * 100;
    rows.push(["target rate", `${omb.targetRate} msg/s (achieved ${off >= 0 ? "+" : ""}${off.toFixed(1)} %)`]);
  }
  if (omb.maxRate) {
    const m = omb.maxRate;
    rows.push(["max sustainable rate", m.sustainedRate > 0 ? `${n1(m.sustainedRate)} msg/s: ${m.rule ?? "as found by the controller"}` : `none found: no period run met ${m.rule ?? "the rule"}`]);
  }
  rows.push(
    ["publish latency", latency(aggregated(result, "PublishLatency"), "ms")],
    ["from intended send", latency(omb.aggregatedIntendedPublishLatency, "ms")],
    ["publish delay", latency(aggregated(result, "PublishDelayLatency"), "µs", (v) => v.toFixed(0))],
    ["end-to-end latency", latency(aggregated(result, "EndToEndLatency"), "ms") + clockNote(result)],
  );
  const errors = Object.entries(omb.errorsByType);
  rows.push(["publish errors", errors.length ? errors.map(([k, v]) => `${k}: ${v}`).join(", ") : "none"]);
  if (omb.backlogTest) {
    const b = omb.backlogTest;
    rows.push(["backlog test", `built ${b.built ? `in ${n1(b.buildSeconds)} s` : "no"}, drained ${b.drained ? `in ${n1(b.drainSeconds)} s` : "no"}${b.note ? ` (${b.note})` : ""}`]);
  }
  return rows;
}

/** End-to-end latency across workers carries their clocks' uncertainty. */
function clockNote(result: TestResult): string {
  const u = e2eClockUncertainty(result);
  return u ? ` (± ${n2(u.error)} ms: clocks of ${u.pair})` : "";
}

function aggregated(r: TestResult, prefix: "PublishLatency" | "PublishDelayLatency" | "EndToEndLatency"): LatencyFigures {
  const get = (suffix: string) => (r as unknown as Record<string, number>)[`aggregated${prefix}${suffix}`] ?? 0;
  return { avg: get("Avg"), p50: get("50pct"), p75: get("75pct"), p95: get("95pct"), p99: get("99pct"), p999: get("999pct"), p9999: get("9999pct"), max: get("Max"), count: 0 };
}
