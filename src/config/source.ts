// One place that turns a reference into text: a path when that file exists,
// otherwise the name of a file embedded in the binary (workloads/, configs/).
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

/** Reads `ref` as a path, or else as an embedded name (of `kind` when given). Throws ConfigError. */
export function readSource(ref: string, kind?: CatalogueKind): ConfigSource {
  if (statOrUndefined(ref)) return readFileSource(ref);
  const candidates = catalogue.filter((f) => !kind || f.kind === kind);
  const wanted = ref.replace(/\.ya?ml$/i, "");
  const hit = candidates.find((f) => f.name === wanted || f.file === ref);
  if (hit) {
    return { ref, file: `embedded:${hit.name}`, text: hit.text, dir: process.cwd(), stem: hit.name, embedded: hit.kind };
  }
  const what = kind === "workload" ? "embedded workload" : kind === "driver" ? "embedded driver config" : "embedded file";
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
  const fail = (problem: string) => new ConfigError([{ file: path, field: "", problem }]);
  const stat = statOrUndefined(path);
  if (!stat) throw fail("no such file");
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

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR" || code === "ENAMETOOLONG") return undefined;
    throw new ConfigError([{ file: path, field: "", problem: `cannot be read: ${(error as Error).message}` }]);
  }
}
