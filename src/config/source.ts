// One place that turns a reference into text: a path when that file exists or
// the reference looks like one (a folder, a .yaml ending), otherwise the name
// of a file embedded in the binary (workloads/, configs/); `-` is stdin.
import catalogue from "omb:catalogue";
import { readFileSync, statSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { ConfigError } from "./errors";
import { closest } from "./suggest";

export type CatalogueKind = "workload" | "driver";

export interface ConfigSource {
  /** What the user wrote. */
  ref: string;
  /** Shown in messages: the path as given, or "embedded:<name>". */
  file: string;
  text: string;
  /** Relative paths inside the file (payloadFile) resolve against this folder; the cwd for embedded files. */
  dir: string;
  /** File name without folder and extension: the default for a missing `name`. */
  stem: string;
  /** Set for files embedded in the binary. */
  embedded?: CatalogueKind;
}

/** Larger than any sane config file; a bigger one is almost surely the wrong argument. */
const MAX_FILE_BYTES = 1 << 20;

/** What the user wrote to mean standard input. */
export const STDIN_REF = "-";

/** A reference with a folder or a .yaml/.yml ending means a file, and never an embedded one. */
export function isPathRef(ref: string): boolean {
  return /[/\\]/.test(ref) || /\.ya?ml$/i.test(ref);
}

/**
 * Reads `ref` as a path, or, when it has no folder and no .yaml ending and no
 * such file exists, as an embedded name (of `kind` when given); `-` is standard
 * input. Throws ConfigError.
 */
export function readSource(ref: string, kind?: CatalogueKind): ConfigSource {
  if (ref === STDIN_REF) return readStdinSource();
  if (statOrUndefined(ref) || isPathRef(ref)) return readFileSource(ref);
  const candidates = catalogue.filter((f) => !kind || f.kind === kind);
  const hit = candidates.find((f) => f.name === ref);
  if (hit) {
    return { ref, file: `embedded:${hit.name}`, text: hit.text, dir: process.cwd(), stem: hit.name, embedded: hit.kind };
  }
  const what = kind === "workload" ? "embedded workload" : kind === "driver" ? "embedded driver config" : "embedded file";
  const wanted = ref;
  const near = closest(wanted, candidates.map((f) => f.name));
  throw new ConfigError([
    {
      file: ref,
      field: "",
      problem: `no such file, and no ${what} of that name`,
      expected: near.length ? `one of ${near.join(", ")} (run \`omb list\` for all)` : "a path, or a name from `omb list`",
    },
  ]);
}

/** Reads a file by path only (workers files are never embedded). Throws ConfigError. */
export function readFileSource(path: string): ConfigSource {
  const fail = (problem: string, expected?: string) => new ConfigError([{ file: path, field: "", problem, ...(expected ? { expected } : {}) }]);
  const stat = statOrUndefined(path);
  if (!stat) {
    // Never the embedded file instead: a path means this file (Java OMB's files share some of its names).
    const stem = basename(path).replace(/\.ya?ml$/i, "");
    const embedded = catalogue.find((f) => f.name === stem);
    throw fail("no such file", embedded ? `an existing path; for omb's embedded ${embedded.kind} of that name, give the name alone: ${stem}` : undefined);
  }
  if (stat.isDirectory()) throw fail("is a folder, not a file");
  if (stat.size > MAX_FILE_BYTES) throw fail(`is ${stat.size} bytes; config files are at most ${MAX_FILE_BYTES} bytes`);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw fail(`cannot be read: ${(error as Error).message}`);
  }
  return { ref: path, file: path, text, dir: dirname(resolve(path)), stem: basename(path).replace(/\.ya?ml$/i, "") };
}

let stdinText: string | undefined;

/** Standard input, read once (`omb show quick-test | omb validate -`). */
function readStdinSource(): ConfigSource {
  try {
    stdinText ??= readFileSync(0, "utf8");
  } catch (error) {
    throw new ConfigError([{ file: "<stdin>", field: "", problem: `cannot be read: ${(error as Error).message}` }]);
  }
  return { ref: STDIN_REF, file: "<stdin>", text: stdinText, dir: process.cwd(), stem: "stdin" };
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "ENAMETOOLONG") return undefined;
    throw new ConfigError([{ file: path, field: "", problem: `cannot be read: ${(error as Error).message}` }]);
  }
}
