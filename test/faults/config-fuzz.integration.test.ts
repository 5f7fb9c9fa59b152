// Config fuzz: 240 mutations of the shipped workload and driver files and of a
// workers file, each checked by the built binary (`omb validate`). Whatever the
// bytes, omb answers with a verdict on the file, never a crash: exit 0 (valid)
// or 2 (bad config, every problem listed), no stack trace, and no file takes
// more than 2 s. Deterministic (seeded), bounded in count; no broker needed.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { prng } from "../support/prng";

const ROOT = join(import.meta.dir, "..", "..");
const BINARY = join(ROOT, "dist", "omb");
const FILES = 240;
const SLOWEST_MS = 2_000;

type Kind = "workload" | "driver" | "workers";
const seeds: { kind: Kind; text: string }[] = [
  ...readdirSync(join(ROOT, "workloads")).map((f) => ({ kind: "workload" as const, text: readFileSync(join(ROOT, "workloads", f), "utf8") })),
  ...readdirSync(join(ROOT, "configs")).map((f) => ({ kind: "driver" as const, text: readFileSync(join(ROOT, "configs", f), "utf8") })),
  { kind: "workers", text: readFileSync(join(ROOT, "test", "fixtures", "java-omb", "workers.yaml"), "utf8") },
];

const { random, pick } = prng(11);

const VALUES = [
  "-1", "0", "1e309", "-1e309", "2147483648", "9007199254740993", "0x7fffffff", ".nan", "x", "''", "[]", "{}", "null", "~", "true",
  "!!binary AAAA", "*nowhere", "&a [*a, *a]", `"${"x".repeat(10_000)}"`, '"\\u0000"', '"\\u202e evil"', '"line\\nbreak"', "12h", "-5s",
  "{__proto__: {polluted: 1}}", "[1, [2, [3, [4]]]]", `${"[".repeat(500)}${"]".repeat(500)}`, "!!js/function 'x'", "@reserved", "`tick`",
];
const KEYS = ["__proto__", "constructor", "prototype", "", '"a\\u0000b"', "名前", "topics", "name", "workers", "producerConfig", "x".repeat(2_000)];
const GARBAGE = [": :", "- - -", "{", "[", "\t\tindented: tab", "&a [*a]", "---", "%YAML 1.1", "? complex", "!!map", "...", "\u0000", "\ufeffbom: 1"];

/** One to three mutations of a seed's lines: values, keys, garbage, duplication, deletion, truncation. */
function mutate(text: string): string {
  let lines = text.split("\n");
  const at = () => Math.floor(random() * lines.length);
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    switch (Math.floor(random() * 8)) {
      case 0: {
        const i = at();
        lines[i] = lines[i]!.replace(/:\s.*$/, `: ${pick(VALUES)}`);
        break;
      }
      case 1: {
        const i = at();
        lines[i] = lines[i]!.replace(/^(\s*)[^:#\s][^:]*:/, `$1${pick(KEYS)}:`);
        break;
      }
      case 2:
        lines.splice(at(), 0, pick(GARBAGE));
        break;
      case 3: {
        const i = at();
        lines.splice(i, 0, lines[i]!);
        break;
      }
      case 4:
        lines.splice(at(), 1);
        break;
      case 5:
        lines = lines.join("\n").slice(0, Math.floor(random() * text.length)).split("\n");
        break;
      case 6:
        lines.push(`${pick(KEYS)}: ${pick(VALUES)}`);
        break;
      default:
        // Billion laughs in small: aliases of aliases.
        lines.push("a: &a [x, x, x, x, x, x, x, x]", "b: &b [*a, *a, *a, *a, *a, *a, *a, *a]", "c: &c [*b, *b, *b, *b, *b, *b, *b, *b]", "d: [*c, *c, *c, *c, *c, *c, *c, *c]");
    }
  }
  return lines.join("\n");
}

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "omb-config-fuzz-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test(`config fuzz: ${FILES} mutated workload, driver and workers files; exit 0 or 2, no stack trace, none slower than ${SLOWEST_MS / 1000} s`, () => {
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: run \`bun build.ts\` first (\`npm test\` does)`);
  const bad: string[] = [];
  const codes = new Map<number, number>();
  for (let i = 0; i < FILES; i++) {
    const seed = seeds[i % seeds.length]!;
    const file = join(dir, `f${i}-${seed.kind}.yaml`);
    writeFileSync(file, mutate(seed.text));
    // Half with --kind, half through kind detection.
    const argv = [BINARY, "validate", ...(i % 2 ? ["--kind", seed.kind] : []), file];
    const started = performance.now();
    const run = Bun.spawnSync(argv, { stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" }, timeout: 30_000 });
    const ms = performance.now() - started;
    const output = run.stdout.toString() + run.stderr.toString();
    codes.set(run.exitCode ?? -1, (codes.get(run.exitCode ?? -1) ?? 0) + 1);
    const trace = /^\s+at .+[(:]\d+|internal error|TypeError|RangeError|ReferenceError|SyntaxError: (?!.*YAML)/m.test(output);
    if ((run.exitCode !== 0 && run.exitCode !== 2) || trace || ms > SLOWEST_MS) {
      bad.push(`${file} (${seed.kind}): exit ${run.exitCode}${run.signalCode ? ` ${run.signalCode}` : ""}, ${Math.round(ms)} ms\n${output.slice(0, 2000)}`);
    }
  }
  console.log(`config fuzz: exit codes ${JSON.stringify(Object.fromEntries(codes))}`);
  expect(bad).toEqual([]);
  // The mutations must reach the checks: most files are refused.
  expect(codes.get(2) ?? 0).toBeGreaterThan(FILES / 2);
}, 240_000);
