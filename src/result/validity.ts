// The validity checks of a run (SPEC §9): does the measurement hold? Each is a
// pure function of the result, so a saved result is re-judged identically.
// A check that does not apply to the run (a target rate in a max-rate run) is
// left out rather than passed.
import type { Check, JudgeOptions, RunOutcome, TestResult } from "./types";

/** Subscriptions listed one by one up to this many; beyond, only failing ones. */
const LIST_LIMIT = 8;

export function validityChecks(result: TestResult, outcome: RunOutcome, options: JudgeOptions): Check[] {
  if (outcome === "failed") return [{ id: "started", ok: false, label: `run never started: ${result.omb.problems[0] ?? "see the log"}` }];
  return [
    workersCheck(result, outcome),
    ...topicsCheck(result),
    sendErrorsCheck(result, options),
    ...targetRateChecks(result, options),
    ...consumersKeptUpChecks(result, options),
    ...backlogTestChecks(result),
    ...maxRateChecks(result),
    ...reconciliationChecks(result),
  ];
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const rate = (x: number) => x.toFixed(1);

function workersCheck(result: TestResult, outcome: RunOutcome): Check {
  const { omb } = result;
  const lost = omb.workers.filter((w) => w.lost).map((w) => `worker ${w.id} lost: ${w.lost}`);
  const crashed = omb.workers.filter((w) => w.crashedChildren.length).map((w) => `${w.id}: ${w.crashedChildren.length} child processes died`);
  const problems = [...lost, ...crashed];
  if (outcome === "aborted") return { id: "workers", ok: false, label: `run aborted: ${omb.problems.join("; ") || "interrupted"}` };
  if (problems.length) return { id: "workers", ok: false, label: `run incomplete: ${problems.join("; ")}` };
  if (outcome === "incomplete") return { id: "workers", ok: false, label: `run incomplete: ${omb.problems.join("; ") || "the measured phase was cut short"}` };
  return { id: "workers", ok: true, label: `run completed on every worker (${omb.workers.length})` };
}

function topicsCheck(result: TestResult): Check[] {
  const vanished = result.omb.topicCleanup.vanished ?? [];
  if (!vanished.length) return [];
  const list = vanished.slice(0, 3).join(", ") + (vanished.length > 3 ? `, … (${vanished.length})` : "");
  return [{ id: "topics", ok: false, label: `topics deleted from outside during the run: ${list}` }];
}

function sendErrorsCheck(result: TestResult, options: JudgeOptions): Check {
  const { acked, failed } = result.omb.reconciliation;
  const byType = Object.entries(result.omb.errorsByType).filter(([, n]) => n > 0);
  const errors = Math.max(failed, byType.reduce((n, [, c]) => n + c, 0));
  if (errors === 0) return { id: "sendErrors", ok: true, label: "send errors: none" };
  const share = errors / Math.max(1, acked + failed);
  const types = byType.map(([type, n]) => `${type} ${n}`).join(", ");
  const allowed = options.maxErrorRate > 0 ? ` (allowed ${pct(options.maxErrorRate)})` : "";
  return {
    id: "sendErrors",
    ok: share <= options.maxErrorRate,
    label: `send errors: ${errors} of ${acked + failed} sends failed (${pct(share)})${allowed}${types ? `: ${types}` : ""}`,
  };
}

/** The window's edges may count this much more or less, at most (see edgeShare). */
const MAX_EDGE_SHARE = 0.1;

/**
 * Fixed-rate runs: the rate asked for is the rate measured (a backlog test
 * pauses on purpose; a max-rate run has no target). The window counts acks:
 * sends made before it and acked in it (and the reverse at its end) move the
 * count by about one average publish latency's worth of messages, which on a
 * short window is more than the tolerance — so that share is allowed besides.
 */
function targetRateChecks(result: TestResult, options: JudgeOptions): Check[] {
  const { omb } = result;
  const target = omb.targetRate;
  if (target <= 0 || omb.backlogTest || result.publishRate.length === 0) return [];
  const achieved = omb.throughput.publishRate;
  const off = (achieved - target) / target;
  const edge = edgeShare(result);
  const allowed = options.rateTolerance + edge;
  const checks: Check[] = [];
  const sign = off >= 0 ? "+" : "−";
  const figures = `achieved ${rate(achieved)} of ${target} msg/s (${sign}${Math.abs(off * 100).toFixed(1)} %)`;
  const tolerance = `tolerance ${pct(options.rateTolerance)}${edge >= 0.0005 ? ` + ${pct(edge)} for the window's edges` : ""}`;
  checks.push(
    Math.abs(off) <= allowed
      ? { id: "targetRate", ok: true, label: `target rate held: ${figures}, ${tolerance}` }
      : { id: "targetRate", ok: false, label: `target rate ${off < 0 ? "missed" : "overshot"}: ${figures}, ${tolerance}` },
  );
  const stalled = result.publishRate.map((r, i) => ({ r, i })).filter(({ r }) => r < target / 2);
  if (stalled.length) {
    const list = stalled.slice(0, 5).map(({ r, i }) => `#${i + 1} ${rate(r)} msg/s`).join(", ");
    checks.push({ id: "stalledPeriods", ok: false, label: `publish stalled: ${stalled.length} of ${result.publishRate.length} periods below half the target (${list})` });
  }
  return checks;
}

/** One average latency (ms; default: publish) over the measured window, as a share of it (capped). */
function edgeShare(result: TestResult, latencyMs = result.aggregatedPublishLatencyAvg): number {
  const seconds = result.omb.throughput.seconds;
  const latencySeconds = (latencyMs || 0) / 1000;
  return seconds > 0 ? Math.min(MAX_EDGE_SHARE, latencySeconds / seconds) : 0;
}

/**
 * Consumers kept up: per subscription the consume rate within tolerance of the
 * publish rate, and the backlog not growing over the measured phase (more than
 * the tolerance of what was sent, or one second of it). A backlog test holds
 * consumers back on purpose and a max-rate run probes past capacity; neither
 * is judged here.
 */
function consumersKeptUpChecks(result: TestResult, options: JudgeOptions): Check[] {
  const { omb } = result;
  const subs = omb.workload.subscriptionsPerTopic;
  if (subs === 0 || omb.backlogTest || omb.maxRate || result.publishRate.length === 0) return [];
  const bySubscription = subscriptionWindows(result);
  if (!bySubscription) return averageKeptUpChecks(result, options);
  const t = omb.throughput;
  // OMB splits the rate evenly over the producers and gives every topic as many: each topic publishes its share.
  const topics = Math.max(1, omb.workload.topics);
  const topicRate = t.publishRate / topics;
  const edge = edgeShare(result, result.aggregatedEndToEndLatencyAvg);
  const allowedGrowth = Math.max((options.rateTolerance * t.messagesSent) / topics, topicRate);
  const problems: string[] = [];
  for (const [name, s] of bySubscription) {
    const consumeRate = t.seconds > 0 ? s.received / t.seconds : 0;
    const shortBy = topicRate > 0 ? (topicRate - consumeRate) / topicRate : 0;
    if (shortBy > options.rateTolerance + edge) {
      problems.push(`${name}: consume ${rate(consumeRate)} msg/s against publish ${rate(topicRate)} msg/s (−${(shortBy * 100).toFixed(1)} %)`);
    } else if (s.growth > allowedGrowth) {
      problems.push(`${name}: backlog grew by ${Math.round(s.growth)} messages over the measured phase`);
    }
  }
  if (problems.length) {
    const more = problems.length > LIST_LIMIT ? `; … (${problems.length} of ${bySubscription.size} subscriptions)` : "";
    return [{ id: "consumersKeptUp", ok: false, label: `consumers fell behind: ${problems.slice(0, LIST_LIMIT).join("; ")}${more}` }];
  }
  const last = result.backlog[result.backlog.length - 1] ?? 0;
  const slowest = Math.min(...[...bySubscription.values()].map((s) => s.received));
  const slowestRate = t.seconds > 0 ? slowest / t.seconds : 0;
  return [{ id: "consumersKeptUp", ok: true, label: `consumers kept up: ${bySubscription.size} subscription${bySubscription.size === 1 ? "" : "s"}, the slowest at ${rate(slowestRate)} msg/s, backlog ${last} at the end` }];
}

interface SubscriptionWindow {
  /** Received over the measured phase. */
  received: number;
  /** Its backlog's growth from the end of the first measured period to the end of the last. */
  growth: number;
}

/**
 * Per subscription (`topic/subscription`), from the measured periods' receipts;
 * undefined for results written before they were recorded. A subscription that
 * received nothing in the window still counts (from the reconciliation's list).
 */
function subscriptionWindows(result: TestResult): Map<string, SubscriptionWindow> | undefined {
  const { omb } = result;
  const measured = (omb.periods ?? []).filter((p) => p.phase === "measured");
  if (measured.length === 0 || measured.some((p) => !p.receivedBySubscription)) return undefined;
  const topics = Math.max(1, omb.workload.topics);
  const windows = new Map<string, SubscriptionWindow>();
  for (const s of omb.reconciliation.subscriptions) windows.set(`${s.topic}/${s.subscription}`, { received: 0, growth: 0 });
  measured.forEach((period, i) => {
    const sent = ((result.publishRate[i] ?? 0) * Math.max(0.001, (period.endedAt - period.startedAt) / 1000)) / topics;
    for (const name of Object.keys(period.receivedBySubscription ?? {})) {
      if (!windows.has(name)) windows.set(name, { received: 0, growth: 0 });
    }
    for (const [name, w] of windows) {
      const received = period.receivedBySubscription?.[name] ?? 0;
      w.received += received;
      // The backlog at the first period's end holds one end-to-end latency of messages in flight: growth counts from there.
      if (i > 0) w.growth += sent - received;
    }
  });
  return windows;
}

/** Results without per-subscription receipts: the total consume rate shared over the subscriptions, as judged before. */
function averageKeptUpChecks(result: TestResult, options: JudgeOptions): Check[] {
  const { omb } = result;
  const subs = omb.workload.subscriptionsPerTopic;
  const t = omb.throughput;
  const perSubscription = t.consumeRate / subs;
  const shortBy = t.publishRate > 0 ? (t.publishRate - perSubscription) / t.publishRate : 0;
  // Receipts trail sends by the end-to-end latency: on a short window that share is allowed besides.
  const edge = edgeShare(result, result.aggregatedEndToEndLatencyAvg);
  const first = result.backlog[0] ?? 0;
  const last = result.backlog[result.backlog.length - 1] ?? 0;
  const growth = last - first;
  const allowedGrowth = Math.max(options.rateTolerance * subs * t.messagesSent, subs * t.publishRate);
  const problems: string[] = [];
  if (shortBy > options.rateTolerance + edge) {
    problems.push(`consume ${rate(perSubscription)} msg/s per subscription against publish ${rate(t.publishRate)} msg/s (−${(shortBy * 100).toFixed(1)} %)`);
  }
  if (growth > allowedGrowth) problems.push(`backlog grew from ${first} to ${last} messages over the measured phase`);
  if (problems.length) return [{ id: "consumersKeptUp", ok: false, label: `consumers fell behind: ${problems.join("; ")}` }];
  return [{ id: "consumersKeptUp", ok: true, label: `consumers kept up: ${rate(perSubscription)} msg/s per subscription, backlog ${last} at the end` }];
}

function backlogTestChecks(result: TestResult): Check[] {
  const b = result.omb.backlogTest;
  if (!b) return [];
  if (!b.built) return [{ id: "backlogTest", ok: false, label: `backlog not built${b.note ? `: ${b.note}` : ""}` }];
  if (!b.drained) return [{ id: "backlogTest", ok: false, label: `backlog not drained${b.note ? `: ${b.note}` : ""}` }];
  return [{ id: "backlogTest", ok: true, label: `backlog test: built in ${b.buildSeconds.toFixed(1)} s, drained in ${b.drainSeconds.toFixed(1)} s` }];
}

function maxRateChecks(result: TestResult): Check[] {
  const m = result.omb.maxRate;
  if (!m) return [];
  return m.sustainedRate > 0
    ? [{ id: "maxRate", ok: true, label: `max sustainable rate: ${rate(m.sustainedRate)} msg/s, ${m.rule ?? "as found by the controller"}` }]
    : [{ id: "maxRate", ok: false, label: `max sustainable rate: none found, no period run met ${m.rule ?? "the rule"}` }];
}

function reconciliationChecks(result: TestResult): Check[] {
  const rec = result.omb.reconciliation;
  const checks: Check[] = [];
  const rows = rec.subscriptions.map((s): Check => {
    const dupOk = s.duplicated === 0 || rec.duplicatesAllowed;
    const dup = s.duplicated ? `, ${s.duplicated} duplicated${rec.duplicatesAllowed ? " (allowed)" : ""}` : "";
    const unverified = s.unverified ? `, ${s.unverified} unverified (consumer's worker lost)` : "";
    return {
      id: "lostDuplicated",
      ok: s.lost === 0 && dupOk,
      label: `${s.topic} / ${s.subscription}: ${s.acked} acked, ${s.consumed} consumed, ${s.lost} lost${dup}${unverified}`,
    };
  });
  if (rows.length <= LIST_LIMIT) checks.push(...rows);
  else {
    const failing = rows.filter((r) => !r.ok);
    const unverified = rec.unverified ? `, ${rec.unverified} unverified` : "";
    checks.push({
      id: "lostDuplicated",
      ok: failing.length === 0,
      label: `${rows.length} subscriptions of ${rec.acked} acked messages: ${rec.lost} lost, ${rec.duplicated} duplicated${unverified}`,
    });
    checks.push(...failing.slice(0, LIST_LIMIT));
  }
  if (rec.duplicated > 0 && rec.duplicatesAllowed) checks.push({ id: "duplicatesAllowed", ok: true, label: `duplicates allowed: ${rec.duplicatesNote}` });
  return checks;
}
