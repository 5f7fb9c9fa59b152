// The process exit codes of every omb command, in one place (SPEC §1).
export const ExitCode = {
  /** The command did what was asked; for a run: status ok and counts reconcile. */
  ok: 0,
  /** A run failed: a worker lost or unreachable, interrupted, messages lost or duplicated, broker unreachable. */
  runFailed: 1,
  /** Bad usage or bad config: nothing was run; every problem was listed. */
  usage: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
