// Writes one result into the output directory: `<workload>-<driver>-<time>.json`
// (Java OMB's naming) and, beside it, the renderings the caller asks for (the
// CSV summary, …): storage does not render, it is handed the renderers.
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { TestResult } from "./types";

/** A file written beside the JSON, named like it with another extension. */
export interface Rendering {
  extension: string;
  /** Gets the JSON file's name (without folder), e.g. for a column that names it. */
  render(jsonFile: string): string;
}

export interface WrittenResult {
  json: string;
  /** The renderings' paths, in the order asked. */
  beside: string[];
  /** Renderings that could not be made or written, with why; the JSON is written all the same. */
  failed: string[];
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

/** Writes atomically (temp file, then rename) so a crash never leaves half a result. */
async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}

export async function writeResult(dir: string, result: TestResult, renderings: readonly Rendering[] = []): Promise<WrittenResult> {
  await mkdir(dir, { recursive: true });
  // Two runs that start in the same second (a fast failure, then the next) must not overwrite each other.
  let base = join(dir, resultBaseName(result));
  for (let n = 2; existsSync(`${base}.json`); n++) base = join(dir, `${resultBaseName(result)}-${n}`);
  const json = `${base}.json`;
  await writeAtomic(json, `${JSON.stringify(result, null, 2)}\n`);
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
  return { json, beside, failed };
}
