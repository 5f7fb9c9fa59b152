// What makes a run pass, as a list of checks (k6's thresholds idea): the run
// completed, and per subscription nothing acked was lost and nothing was
// duplicated unless the driver config allows it. Exit code 0 only if all pass.
import type { TestResult } from "./types";

export interface Check {
  ok: boolean;
  label: string;
}

/** Subscriptions listed one by one up to this many; beyond, only failing ones. */
const LIST_LIMIT = 8;

export function resultChecks(result: TestResult): Check[] {
  const { omb } = result;
  const checks: Check[] = [];
  checks.push(
    omb.status === "ok"
      ? { ok: true, label: "run completed on every worker" }
      : { ok: false, label: `run ${omb.status}: ${omb.problems.join("; ") || "see the log"}` },
  );
  const rec = omb.reconciliation;
  if (!rec.complete) {
    checks.push({ ok: false, label: "reconciliation incomplete: the counts below cover only the workers that reported at the end" });
  }
  const rows = rec.subscriptions.map((s) => {
    const dupOk = s.duplicated === 0 || rec.duplicatesAllowed;
    const dup = s.duplicated ? `, ${s.duplicated} duplicated${rec.duplicatesAllowed ? " (allowed)" : ""}` : "";
    return {
      ok: s.lost === 0 && dupOk,
      label: `${s.topic} / ${s.subscription}: ${s.acked} acked, ${s.consumed} consumed, ${s.lost} lost${dup}`,
    };
  });
  if (rows.length <= LIST_LIMIT) checks.push(...rows);
  else {
    const failing = rows.filter((r) => !r.ok);
    checks.push({
      ok: failing.length === 0,
      label: `${rows.length} subscriptions of ${rec.acked} acked messages: ${rec.lost} lost, ${rec.duplicated} duplicated`,
    });
    checks.push(...failing.slice(0, LIST_LIMIT));
  }
  if (rec.duplicated > 0 && rec.duplicatesAllowed) checks.push({ ok: true, label: `duplicates allowed: ${rec.duplicatesNote}` });
  return checks;
}

export function passed(result: TestResult): boolean {
  return resultChecks(result).every((c) => c.ok);
}
