// A coordinator session: health-check the workers, run every workload × driver
// pair in turn, write each result as soon as it exists, print its summary.
// Returns the exit code; an interruption ends the session after the current
// run has been cleaned up and written.
import { ExitCode, worse } from "../exit-codes";
import type { TestResult } from "../result/types";
import { type Rendering, type WrittenResult, writeResult } from "../result/writer";
import { summaryCsv } from "../report/csv";
import { renderHtmlReport } from "../report/html/render";
import { markdownReport } from "../report/markdown";
import { summaryRow } from "../report/summary-row";
import { renderSummary } from "../report/summary";
import type { Style } from "../report/style";
import type { Worker } from "../worker/api/worker";
import type { Bounds } from "./bounds";
import type { RunLog } from "../report/run-log";
import { awaitWorkers } from "./health";
import type { ResultFormat, SessionOptions } from "./options";
import { runTest, type TestSpec } from "./run-test";

export interface SessionIO {
  log: RunLog;
  /** Prints the summary (above any live line). */
  print(text: string): void;
  style: Style;
  signal: AbortSignal;
  bounds?: Partial<Bounds>;
}

export async function runSession(tests: TestSpec[], workers: Worker[], options: SessionOptions, io: SessionIO): Promise<ExitCode> {
  const { log } = io;
  const check = await awaitWorkers(workers, log, options.waitForWorkersMs, io.signal);
  if (check.failed.length) {
    for (const f of check.failed) log.warn(`unreachable: ${f}`);
    log.warn("no run started: every worker must answer its health check (is `omb worker` running there, and the port open?)");
    return ExitCode.runFailed;
  }
  for (const t of tests) for (const w of t.driverRef.warnings) log.warn(`${t.driverRef.source}: ${w}`);

  let exit: ExitCode = ExitCode.ok;
  for (const [i, spec] of tests.entries()) {
    if (io.signal.aborted) break;
    log.info(`=============== ${i + 1}/${tests.length}: workload ${spec.workload.name} — driver ${spec.driverRef.driver.name} ===============`);
    const result = await runTest(spec, {
      workers,
      health: check.health,
      extraConsumerWorkers: options.extraConsumerWorkers,
      statsIntervalMs: options.statsIntervalMs,
      keepTopics: options.keepTopics,
      log,
      signal: io.signal,
      bounds: io.bounds,
      judging: { ...options.judging, thresholds: [...(spec.workload.thresholds ?? []), ...options.judging.thresholds] },
    });
    let files: WrittenResult | undefined;
    try {
      // A run that never started has no figures to render: its JSON says why.
      files = await writeResult(options.outputDir, result, result.omb.status === "failed" ? [] : renderers(result, options.formats));
      for (const failed of files.failed) log.warn(`could not write ${failed}`);
    } catch (error) {
      // The figures must not be lost with the file: print the JSON instead.
      log.warn(`could not write the result into ${options.outputDir}: ${(error as Error).message}; here it is:`);
      io.print(JSON.stringify(result));
    }
    io.print(renderSummary(result, io.style, files));
    exit = worse(exit, result.omb.verdict?.exitCode ?? ExitCode.runFailed);
  }
  // Interrupted before (or between) runs: nothing more ran, and that is not a success.
  return io.signal.aborted ? ExitCode.runFailed : exit;
}

const RENDERERS: Record<ResultFormat, (result: TestResult, file: string) => string> = {
  csv: (result, file) => summaryCsv([{ result, file }]),
  md: (result, file) => markdownReport([summaryRow(result, file)]),
  html: (result, file) => renderHtmlReport([{ result, file }]),
};

function renderers(result: TestResult, formats: readonly ResultFormat[]): Rendering[] {
  return formats.map((extension) => ({ extension, render: (file: string) => RENDERERS[extension](result, file) }));
}
