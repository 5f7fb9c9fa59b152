// Runs the omb CLI from source as a subprocess for integration tests, keeping
// every line it prints, and reads the result files it writes.
import type { Subprocess } from "bun";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { TestResult } from "../../src/result/types";
import { sidecarPath } from "../../src/result/writer";

const ROOT = join(import.meta.dir, "..", "..");
const MAIN = join(ROOT, "src", "cli", "main.ts");

export interface OmbProcess {
  process: Subprocess<"ignore", "pipe", "pipe">;
  lines: string[];
  /** Resolves with the first line matching, or rejects when the process ends first. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
  /** Exit code, once all output is read. */
  exited: Promise<number | null>;
}

/** `env` adds to (or overrides) this process's environment. */
export function startOmb(args: string[], env: Record<string, string> = {}): OmbProcess {
  const proc = Bun.spawn([process.execPath, MAIN, ...args], {
    cwd: ROOT,
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    // bun test sets NODE_ENV=test, which makes consola hide info lines.
    env: { ...process.env, NO_COLOR: "1", NODE_ENV: "production", ...env },
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve(line: string): void }[] = [];
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    let partial = "";
    for await (const chunk of stream) {
      const parts = (partial + decoder.decode(chunk, { stream: true })).split("\n");
      partial = parts.pop() ?? "";
      for (const line of parts) {
        lines.push(line);
        for (const w of waiters.filter((w) => w.pattern.test(line))) w.resolve(line);
      }
    }
  };
  const pumped = Promise.all([pump(proc.stdout), pump(proc.stderr)]);
  const exited = proc.exited.then(async (code) => {
    await pumped;
    return code;
  });
  return {
    process: proc,
    lines,
    exited,
    waitFor(pattern, timeoutMs) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        waiters.push({ pattern, resolve });
        setTimeout(() => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${lines.join("\n")}`)), timeoutMs);
        void exited.then(() => reject(new Error(`omb exited before a line matching ${pattern}:\n${lines.join("\n")}`)));
      });
    },
  };
}

/** The one result in `dir`: its main JSON (Java OMB's fields) with the `omb` block of its sidecar. */
export function readOnlyResult(dir: string): TestResult {
  const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
  if (files.length !== 1) throw new Error(`expected one result in ${dir}, found ${files.join(", ") || "none"}`);
  return readResultWithSidecar(join(dir, files[0]!));
}

export function readResultWithSidecar(path: string): TestResult {
  const main = JSON.parse(readFileSync(path, "utf8"));
  if ("omb" in main) throw new Error(`${path}: the main file must hold only Java OMB's fields, but has an omb block`);
  return { ...main, omb: JSON.parse(readFileSync(sidecarPath(path), "utf8")).omb } as TestResult;
}

/** A workload file in `dir` from the given fields (Java OMB's YAML is JSON-compatible). */
export function writeWorkload(dir: string, name: string, fields: Record<string, unknown>): string {
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, JSON.stringify({ name, ...fields }, null, 2));
  return path;
}
