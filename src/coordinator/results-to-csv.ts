// Java OMB's `-c DIR` (its ResultsToCsv): every result JSON of a folder as one
// CSV in the current folder, `results-<epoch>.csv`; nothing runs.
import { readdirSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { readResultFile, ResultFileError } from "../result/reader";
import type { JavaTestResult } from "../result/types";
import { javaCsvFileName, javaResultsCsv } from "../report/java-csv";

export type CsvOutcome = { ok: true; file: string; results: number } | { ok: false; problems: string[] };

/** Reads every `*.json` of `dir` (all must be results) and writes the CSV into `outDir`; nothing is written on a problem. */
export async function resultsToCsv(dir: string, outDir = "."): Promise<CsvOutcome> {
  let names: string[];
  try {
    names = readdirSync(dir).filter((f) => f.endsWith(".json") && statSync(join(dir, f)).isFile()).sort();
  } catch (error) {
    return { ok: false, problems: [`-c ${dir}: ${(error as Error).message} (expected a folder of result JSON files)`] };
  }
  if (!names.length) return { ok: false, problems: [`-c ${dir}: no *.json result files in this folder`] };
  const results: JavaTestResult[] = [];
  const problems: string[] = [];
  for (const name of names) {
    try {
      results.push(await readResultFile(join(dir, name)));
    } catch (error) {
      problems.push(error instanceof ResultFileError ? error.message : `${join(dir, name)}: ${(error as Error).message}`);
    }
  }
  if (problems.length) return { ok: false, problems: [...problems, `no CSV written: every *.json in ${dir} must be a result`] };
  const file = join(outDir, javaCsvFileName(new Date()));
  await writeFile(file, javaResultsCsv(results));
  return { ok: true, file, results: results.length };
}
