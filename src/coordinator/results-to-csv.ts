// Java OMB's `-c DIR` (its ResultsToCsv): every result JSON of a folder as one
// CSV in the current folder, `results-<epoch>.csv`; nothing runs.
import { readdirSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { consola } from "consola";
import { ExitCode } from "../exit-codes";
import { readResultFile, ResultFileError } from "../result/reader";
import type { JavaTestResult } from "../result/types";
import { javaCsvFileName, javaResultsCsv } from "../report/java-csv";

export async function resultsToCsv(dir: string, outDir = "."): Promise<ExitCode> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith(".json") && statSync(join(dir, f)).isFile()).sort();
  } catch (error) {
    consola.error(`-c ${dir}: ${(error as Error).message} (expected a folder of result JSON files)`);
    return ExitCode.usage;
  }
  if (!names.length) {
    consola.error(`-c ${dir}: no *.json result files in this folder`);
    return ExitCode.usage;
  }
  const results: JavaTestResult[] = [];
  const problems: string[] = [];
  for (const name of names) {
    try {
      results.push(await readResultFile(join(dir, name)));
    } catch (error) {
      problems.push(error instanceof ResultFileError ? error.message : `${join(dir, name)}: ${(error as Error).message}`);
    }
  }
  if (problems.length) {
    for (const p of problems) consola.error(p);
    consola.info(`no CSV written: every *.json in ${dir} must be a result`);
    return ExitCode.usage;
  }
  const file = join(outDir, javaCsvFileName(new Date()));
  await writeFile(file, javaResultsCsv(results));
  consola.success(`wrote ${file} (${results.length} result${results.length > 1 ? "s" : ""}, Java OMB's CSV)`);
  return ExitCode.ok;
}
