import { defineCommand } from "citty";
import { checkFile, type FileReport } from "../config/check-file";
import { formatProblem } from "../config/errors";
import { ExitCode } from "../exit-codes";

export default defineCommand({
  meta: {
    name: "validate",
    description: "Check workload, driver config and workers files; every problem with file, line, field and reason",
  },
  args: {
    files: { type: "positional", description: "Files to check: paths, embedded names (see `omb list`), or - for standard input" },
    kind: { type: "enum", options: ["workload", "driver", "workers"], description: "Check every file as this kind instead of telling it by its fields" },
    strict: { type: "boolean", description: "Unknown and unsupported driver properties are errors, not warnings" },
    "bootstrap-servers": { type: "string", description: "host:port list that replaces the driver config's bootstrap.servers" },
    json: { type: "boolean", description: "Print the reports as JSON" },
  },
  run({ args }) {
    const options = { kind: args.kind as "workload" | "driver" | "workers" | undefined, strict: args.strict, bootstrapServers: args["bootstrap-servers"] };
    const reports: FileReport[] = [];
    let internal = false;
    for (const ref of args._) {
      try {
        reports.push(checkFile(ref, options));
      } catch (error) {
        // Every problem of a file is a report; reaching here is a bug in omb, not in the file.
        console.error(`${ref}: internal error while checking (a bug in omb): ${(error as Error).stack}`);
        internal = true;
      }
    }
    if (args.json) console.log(JSON.stringify(reports, null, 2));
    else for (const r of reports) print(r);
    if (internal) process.exitCode = ExitCode.runFailed;
    else if (reports.some((r) => !r.ok)) process.exitCode = ExitCode.usage;
  },
});

/** One write per file: a file may have tens of thousands of problems. */
function print(r: FileReport): void {
  const lines = [
    ...(r.ok ? [`${r.file}: OK (${r.kind})`] : []),
    ...r.problems.map(formatProblem),
    ...r.warnings.map((w) => `warning: ${formatProblem(w)}`),
  ];
  if (lines.length) console.log(lines.join("\n"));
}
