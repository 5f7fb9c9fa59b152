// The verdict at the top of a report: the run's status, its thresholds and
// checks, each a name, ✓ or ✗, and a detail (result/verdict.ts; check labels
// read "name: detail"), then its warnings.
import type { ResultFile } from "../../result/reader";
import type { TestResult, Verdict } from "../../result/types";
import { judge } from "../../result/verdict";
import { esc } from "./markup";

export interface VerdictItem {
  name: string;
  ok: boolean;
  detail?: string;
}

/** The stored verdict, or one judged now for files written before verdicts were stored. */
export function verdictOf(result: ResultFile): Verdict | undefined {
  if (!result.omb) return undefined;
  return result.omb.verdict ?? judge(result as TestResult);
}

export function verdictItems(result: ResultFile): VerdictItem[] {
  const verdict = verdictOf(result);
  if (!verdict) return [];
  const thresholds = verdict.thresholds.map((t) => ({ name: t.threshold, ok: t.ok, detail: t.shown }));
  const checks = verdict.checks.map(({ ok, label }) => {
    const at = label.indexOf(": ");
    return at < 0 ? { name: label, ok } : { name: label.slice(0, at), ok, detail: label.slice(at + 2) };
  });
  return [...thresholds, ...checks];
}

/** The status, in the colour of whether the run is valid with every threshold met. */
export function statusBadge(result: ResultFile): string {
  const verdict = verdictOf(result);
  const status = verdict?.status ?? "Java OMB result";
  const ok = verdict ? verdict.exitCode === 0 : true;
  return `<span class="status ${ok ? "ok" : "bad"}">${esc(status)}</span>`;
}

export function checksList(items: readonly VerdictItem[]): string {
  if (!items.length) return `<p class="note">No checks: this file has no omb block (a Java OMB result).</p>`;
  const li = items.map(
    (i) =>
      `<li class="${i.ok ? "ok" : "bad"}"><span class="mark">${i.ok ? "✓" : "✗"}</span>${esc(i.name)}` +
      `${i.detail ? ` <span class="detail">${esc(i.detail)}</span>` : ""}</li>`,
  );
  return `<ul class="checks">\n${li.join("\n")}\n</ul>`;
}
