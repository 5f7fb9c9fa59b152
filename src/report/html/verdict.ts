// The verdict at the top of a report: the run's status and its checks, each
// a name, ✓ or ✗, and a detail. Today's checks are result/checks.ts's labels
// ("name: detail"); the list renders whatever items the verdict holds.
import { resultChecks } from "../../result/checks";
import type { ResultFile } from "../../result/reader";
import type { TestResult } from "../../result/types";
import { esc } from "./markup";

export interface VerdictItem {
  name: string;
  ok: boolean;
  detail?: string;
}

export function verdictItems(result: ResultFile): VerdictItem[] {
  if (!result.omb) return [];
  return resultChecks(result as TestResult).map(({ ok, label }) => {
    const at = label.indexOf(": ");
    return at < 0 ? { name: label, ok } : { name: label.slice(0, at), ok, detail: label.slice(at + 2) };
  });
}

/** "ok" or the status, in the colour of whether every check passed. */
export function statusBadge(result: ResultFile): string {
  const status = result.omb?.status ?? "Java OMB result";
  const ok = result.omb ? verdictItems(result).every((i) => i.ok) : true;
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
