// What `omb coordinate` and `omb run` share around a session: the console
// (live line on a terminal), the signal guard, the checks of flags and files
// that end in exit 2 before anything runs.
import { consola } from "consola";
import { ExitCode } from "../exit-codes";
import { RunConsole } from "../report/run-console";
import { type Style, styleFor } from "../report/style";
import { resultsToCsv } from "./results-to-csv";
import { loadTests } from "./session-config";
import { type SessionOptions, parseSessionFlags } from "./options";
import type { TestSpec } from "./run-test";
import { guardSignals } from "./signals";

export interface LaunchIO {
  log: RunConsole;
  signal: AbortSignal;
  style: Style;
}

/** Prints every problem and the hint, for exit code 2. */
export function reportUsage(problems: string[], hint: string): ExitCode {
  for (const p of problems) consola.error(p);
  consola.info(hint);
  return ExitCode.usage;
}

/**
 * Flags and files of a session, or the exit code when nothing is to run: 2
 * with every problem listed, or that of Java OMB's `-c DIR` conversion.
 */
export async function prepareSession(argv: string[], mode: "coordinate" | "run"): Promise<{ options: SessionOptions; tests: TestSpec[] } | ExitCode> {
  const hint = `see \`omb ${mode} --help\``;
  const parsed = parseSessionFlags(argv, { mode });
  if (!parsed.ok) return reportUsage(parsed.problems, hint);
  if (parsed.options.csvDir !== undefined) {
    const csv = await resultsToCsv(parsed.options.csvDir);
    if (!csv.ok) return reportUsage(csv.problems, hint);
    consola.success(`wrote ${csv.file} (${csv.results} result${csv.results === 1 ? "" : "s"}, Java OMB's CSV)`);
    return ExitCode.ok;
  }
  const tests = loadTests(parsed.options);
  if (!tests.ok) return reportUsage(tests.problems, "check the files with `omb validate`");
  return { options: parsed.options, tests: tests.value };
}

export async function launch(body: (io: LaunchIO) => Promise<ExitCode>): Promise<ExitCode> {
  const log = new RunConsole({ live: Boolean(process.stderr.isTTY) });
  const guard = guardSignals({
    onFirst: (s) => log.warn(`${s}: ending the run cleanly (stopping workers, deleting topics, writing the partial result); again to exit at once`),
    onForced: (s) => log.warn(`${s} again: exiting now; topics and worker load may be left behind`),
  });
  try {
    return await body({ log, signal: guard.signal, style: styleFor(process.stdout) });
  } finally {
    log.close();
    guard.dispose();
  }
}
