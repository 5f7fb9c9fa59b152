// The process exit codes of every omb command, in one place (SPEC §1, §9), as
// k6 uses them: a breached threshold is told apart from a run that is not valid.
export const ExitCode = {
  /** The command did what was asked; for a run: valid (status ok) and every threshold met. */
  ok: 0,
  /** The run is not valid: a check failed, a worker was lost, it was aborted, or it never started. */
  runFailed: 1,
  /** Bad usage or bad config: nothing was run; every problem was listed. */
  usage: 2,
  /** A valid run that breached a threshold. */
  thresholdBreached: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The table of `--help` and the README. */
export const EXIT_CODE_TABLE = [
  "Exit codes:",
  "  0  the run is valid and every threshold was met",
  "  1  the run is not valid: a check failed, a worker was lost, it was aborted, or it never started",
  "  2  bad usage or bad config: nothing was run",
  "  3  the run is valid but breached a threshold",
  "",
].join("\n");

/** Of several runs' exit codes, the one that tells most: not valid (1) over breached (3) over ok (0). */
export function worse(a: ExitCode, b: ExitCode): ExitCode {
  const rank = (c: ExitCode) => [ExitCode.ok, ExitCode.thresholdBreached, ExitCode.usage, ExitCode.runFailed].indexOf(c);
  return rank(b) > rank(a) ? b : a;
}
