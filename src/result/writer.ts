// Writes one result: the main file `<workload>-<driver>-<time>.json` (Java OMB's
// naming and exactly its TestResult fields, so Java OMB's tools read it as
// they are), the `omb` block in a sidecar beside it (`<main file>.omb`), and
// the renderings the caller asks for (the CSV summary, …): storage does not
// render, it is handed the renderers.
import { existsSync, statSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { JAVA_TEST_RESULT_FIELDS, type JavaTestResult, type OmbBlock, type TestResult } from "./types";

/** A file written beside the JSON, named like it with another extension. */
export interface Rendering {
  extension: string;
  /** Gets the JSON file's name (without folder), e.g. for a column that names it. */
  render(jsonFile: string): string;
}

export interface WrittenResult {
  json: string;
  /** The `omb` block: everything omb measured beyond Java OMB's fields. */
  sidecar: string;
  /** The renderings' paths, in the order asked. */
  beside: string[];
  /** Renderings that could not be made or written, with why; the JSON is written all the same. */
  failed: string[];
}

/** Where results go: a folder (named by Java OMB's scheme), or one file (Java OMB's `-o FILE`). */
export type ResultTarget = { dir: string } | { file: string };

/**
 * Not `.omb.json`: Java OMB's `-c DIR` reads every `*.json` of a folder as a
 * TestResult (and `create_charts.py results/*.json` takes them all).
 */
export const SIDECAR_SUFFIX = ".omb";

/** What a sidecar file holds; workload and driver tie it to its main file. */
export interface SidecarFile {
  resultFile: string;
  workload: string;
  driver: string;
  omb: OmbBlock;
}

export const sidecarPath = (jsonPath: string) => `${jsonPath}${SIDECAR_SUFFIX}`;

/** `-o` names a file when it ends in .json and is not a folder; anything else is a folder. */
export function resultTarget(output: string): ResultTarget {
  const isDir = existsSync(output) && statSync(output).isDirectory();
  return !isDir && /\.json$/i.test(output) ? { file: output } : { dir: output };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Java OMB's yyyy-MM-dd-HH-mm-ss, local time. */
export function fileTimestamp(at: Date): string {
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}-${pad(at.getHours())}-${pad(at.getMinutes())}-${pad(at.getSeconds())}`;
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "") || "x";

/** The workload's file name without extension (Java OMB), or its embedded name. */
export function workloadFileName(source: string): string {
  return basename(source.replace(/^embedded:/, "")).replace(/\.ya?ml$/i, "");
}

export function resultBaseName(result: TestResult): string {
  const workload = safe(workloadFileName(result.omb.workloadSource));
  return `${workload}-${safe(result.driver)}-${fileTimestamp(new Date(result.omb.startedAt))}`;
}

/** The Java OMB TestResult part of a result, in Java's field order. */
export function javaTestResult(result: JavaTestResult): JavaTestResult {
  return Object.fromEntries(JAVA_TEST_RESULT_FIELDS.map((k) => [k, result[k]])) as unknown as JavaTestResult;
}

/** Writes atomically (temp file, then rename) so a crash never leaves half a result. */
async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}

const jsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export async function writeResult(target: ResultTarget, result: TestResult, renderings: readonly Rendering[] = []): Promise<WrittenResult> {
  const json = "file" in target ? target.file : freshPath(target.dir, resultBaseName(result));
  await mkdir(dirname(json), { recursive: true });
  await writeAtomic(json, jsonText(javaTestResult(result)));
  const sidecar = sidecarPath(json);
  const side: SidecarFile = { resultFile: basename(json), workload: result.workload, driver: result.driver, omb: result.omb };
  await writeAtomic(sidecar, jsonText(side));
  const base = json.replace(/\.json$/i, "");
  const beside: string[] = [];
  const failed: string[] = [];
  for (const { extension, render } of renderings) {
    const path = `${base}.${extension}`;
    try {
      await writeAtomic(path, render(basename(json)));
      beside.push(path);
    } catch (error) {
      failed.push(`${path}: ${(error as Error).message}`);
    }
  }
  return { json, sidecar, beside, failed };
}

/** Two runs that start in the same second (a fast failure, then the next) must not overwrite each other. */
function freshPath(dir: string, name: string): string {
  let base = join(dir, name);
  for (let n = 2; existsSync(`${base}.json`) || existsSync(sidecarPath(`${base}.json`)); n++) base = join(dir, `${name}-${n}`);
  return `${base}.json`;
}
