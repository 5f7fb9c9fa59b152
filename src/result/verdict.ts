// The verdict on a run (SPEC §9): one pure function of the result JSON and the
// judging options, so a saved result is re-judged identically later (`omb
// report`, also with new thresholds). Status and exit code follow from the
// run's outcome, its validity checks, its warnings (under --strict) and its
// thresholds (k6's exit code 3 for a valid run that breached one).
import { ExitCode } from "../exit-codes";
import { loadWarnings } from "./load-warnings";
import { evaluateThresholds } from "./thresholds";
import type { Check, JudgeOptions, RunOutcome, RunStatus, TestResult, Verdict } from "./types";
import { validityChecks } from "./validity";

export const DEFAULT_JUDGING: JudgeOptions = { maxErrorRate: 0, rateTolerance: 0.02, strict: false, thresholds: [] };

/**
 * Judges a result. Options given here win over those stored in the result
 * (`omb report --threshold` replaces the stored thresholds), which win over
 * the defaults. Reads what the run recorded, never a stored verdict.
 */
export function judge(result: TestResult, options: Partial<JudgeOptions> = {}): Verdict {
  const judging = judgingOf(result, options);
  const outcome = outcomeOf(result);
  const checks = validityChecks(result, outcome, judging);
  const warnings = outcome === "failed" ? [] : loadWarnings(result);
  if (judging.strict && warnings.length) {
    checks.push(...warnings.map((w): Check => ({ id: `strict:${w.id}`, ok: false, label: `${w.message} (--strict)` })));
  }
  const thresholds = outcome === "failed" ? [] : evaluateThresholds(result, judging.thresholds);
  const status = statusOf(outcome, checks);
  const exitCode = status !== "ok" ? ExitCode.runFailed : thresholds.every((t) => t.ok) ? ExitCode.ok : ExitCode.thresholdBreached;
  return { status, exitCode, checks, warnings, thresholds };
}

/** The options a result is judged with: those given, else those it was judged with, else the defaults. */
export function judgingOf(result: TestResult, options: Partial<JudgeOptions> = {}): JudgeOptions {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_JUDGING, ...result.omb.judging, ...defined };
}

/** The result with its verdict stored (status, verdict, judging), as written to disk. */
export function withVerdict(result: TestResult, options: Partial<JudgeOptions> = {}): TestResult {
  const judging = judgingOf(result, options);
  const verdict = judge(result, judging);
  return { ...result, omb: { ...result.omb, status: verdict.status, judging, verdict } };
}

/** Files older than verdicts kept only a status: ok, incomplete or aborted. */
function outcomeOf(result: TestResult): RunOutcome {
  const { outcome, status } = result.omb;
  if (outcome) return outcome;
  if (status === "ok" || status === "invalid") return "completed";
  return status;
}

function statusOf(outcome: RunOutcome, checks: readonly Check[]): RunStatus {
  if (outcome !== "completed") return outcome;
  return checks.every((c) => c.ok) ? "ok" : "invalid";
}
