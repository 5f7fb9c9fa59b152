import { defineCommand } from "citty";
import { consola } from "consola";
import { writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { readResultFile, ResultFileError } from "../result/reader";
import { csvFromRows } from "../report/csv";
import { renderHtmlReport } from "../report/html/render";
import { markdownReport } from "../report/markdown";
import { summaryRow } from "../report/summary-row";
import { EXIT_CODE_TABLE, ExitCode, worse } from "../exit-codes";
import { parseThreshold, THRESHOLD_EXAMPLE } from "../config/thresholds";
import type { ResultFile } from "../result/reader";
import type { TestResult } from "../result/types";
import { judge } from "../result/verdict";
import { verdictLines } from "../report/summary";
import { styleFor } from "../report/style";

export default defineCommand({
  meta: {
    name: "report",
    description:
      "Render saved results (omb's or Java OMB's JSON) as Markdown, CSV and a self-contained HTML report; several results side by side. " +
      `Each omb result is judged again (its verdict printed) and the command exits as its run would have.\n\n${EXIT_CODE_TABLE}`,
  },
  args: {
    results: { type: "positional", description: "Result JSON files", required: false, valueHint: "RESULT.json…" },
    md: { type: "string", description: "Write the Markdown comparison to this file (default: print it)", valueHint: "file" },
    csv: { type: "string", description: "Write the CSV summary to this file", valueHint: "file" },
    html: { type: "string", description: "Write the HTML report (charts; one file, fetches nothing) to this file", valueHint: "file" },
    threshold: { type: "string", description: "Judge with this threshold instead of the stored ones (repeatable), e.g. 'publishLatency.p99<50ms'", valueHint: "expr" },
  },
  async run({ args }) {
    const files = args._;
    const thresholds = ([] as string[]).concat((args.threshold as string | string[] | undefined) ?? []);
    const bad = thresholds.map(parseThreshold).flatMap((t) => ("error" in t ? [t.error] : []));
    if (bad.length) {
      for (const b of bad) consola.error(`--threshold ${b} (e.g. --threshold '${THRESHOLD_EXAMPLE}')`);
      process.exit(ExitCode.usage);
    }
    if (files.length === 0) {
      consola.error("no result files: give one or more RESULT.json (see `omb report --help`)");
      process.exit(ExitCode.usage);
    }
    const results = [];
    const problems: string[] = [];
    for (const file of files) {
      try {
        results.push({ result: await readResultFile(file), file: basename(file) });
      } catch (error) {
        problems.push(error instanceof ResultFileError ? error.message : `${file}: ${(error as Error).message}`);
      }
    }
    if (problems.length) {
      for (const p of problems) consola.error(p);
      process.exit(ExitCode.usage);
    }
    // Re-judged with new thresholds when given: the results, their figures and the reports follow the new verdict.
    const judged = results.map(({ result, file }) => ({ result: rejudge(result, thresholds), file }));
    let exit: ExitCode = ExitCode.ok;
    const style = styleFor(process.stdout);
    for (const { result, file } of judged) {
      const verdict = result.omb?.verdict;
      if (!verdict) continue;
      exit = worse(exit, verdict.exitCode);
      process.stdout.write([`${file}: ${verdict.status} (exit ${verdict.exitCode})`, ...verdictLines(verdict, style), ""].join("\n"));
    }
    const rows = judged.map(({ result, file }) => summaryRow(result, file));
    const markdown = markdownReport(rows);
    if (args.md) await writeFile(args.md, markdown);
    if (args.csv) await writeFile(args.csv, csvFromRows(rows));
    if (args.html) await writeFile(args.html, renderHtmlReport(judged));
    if (!args.md) process.stdout.write(markdown);
    for (const [flag, path] of [["--md", args.md], ["--csv", args.csv], ["--html", args.html]] as const) if (path) consola.success(`${flag}: wrote ${path}`);
    process.exit(exit);
  },
});

/** An omb result with the verdict judged now (new thresholds replace the stored ones); Java OMB's files as they are. */
function rejudge(result: ResultFile, thresholds: string[]): ResultFile {
  if (!result.omb) return result;
  const verdict = judge(result as TestResult, thresholds.length ? { thresholds } : {});
  return { ...result, omb: { ...result.omb, status: verdict.status, verdict } };
}
