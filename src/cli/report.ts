import { defineCommand } from "citty";
import { consola } from "consola";
import { writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { mainResultPath, readResultFile, ResultFileError } from "../result/reader";
import { csvFromRows } from "../report/csv";
import { renderHtmlReport } from "../report/html/render";
import { markdownReport } from "../report/markdown";
import { summaryRow } from "../report/summary-row";
import { ExitCode } from "../exit-codes";

export default defineCommand({
  meta: {
    name: "report",
    description: "Render saved results (omb's or Java OMB's JSON) as Markdown, CSV and a self-contained HTML report; several results side by side",
  },
  args: {
    results: { type: "positional", description: "Result JSON files", required: false, valueHint: "RESULT.json…" },
    md: { type: "string", description: "Write the Markdown comparison to this file (default: print it)", valueHint: "file" },
    csv: { type: "string", description: "Write the CSV summary to this file", valueHint: "file" },
    html: { type: "string", description: "Write the HTML report (charts; one file, fetches nothing) to this file", valueHint: "file" },
  },
  async run({ args }) {
    // `omb report results/*` names each result twice: its main file and its sidecar.
    const files = [...new Set(args._.map(mainResultPath))];
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
    const rows = results.map(({ result, file }) => summaryRow(result, file));
    const markdown = markdownReport(rows);
    if (args.md) await writeFile(args.md, markdown);
    if (args.csv) await writeFile(args.csv, csvFromRows(rows));
    if (args.html) await writeFile(args.html, renderHtmlReport(results));
    if (!args.md) process.stdout.write(markdown);
    for (const [flag, path] of [["--md", args.md], ["--csv", args.csv], ["--html", args.html]] as const) if (path) consola.success(`${flag}: wrote ${path}`);
  },
});
