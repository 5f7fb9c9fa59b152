// The layer rule of ARCHITECTURE.md, checked: a folder of src/ imports only itself
// and the folders below it, worker/'s roles likewise, and only a client's driver
// folder imports that Kafka client. `bun scripts/lint-layers.ts` prints every
// import that runs against the layers and exits 1 on any; test/layers.test.ts runs
// the same check in CI.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** Bottom first; "" is src/'s own leaf files (build info, exit codes, …). */
export const LAYERS = ["", "config", "stats", "drivers", "message", "pacer", "worker", "result", "report", "coordinator", "cli"];
/** worker/'s roles, bottom first: the wire types, the child, the parent of children, the client, the server. */
export const WORKER_ROLES = ["api", "child", "pool", "client", "server"];
/** Kafka client packages and the one driver folder that may import each. */
export const CLIENT_PACKAGES: Record<string, string> = {
  kafkajs: "drivers/kafkajs",
  "kafkajs-snappy": "drivers/kafkajs",
  lz4js: "drivers/kafkajs",
  "@platformatic/kafka": "drivers/platformatic",
};

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  reason: string;
}

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^"';]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;

/** The imports of one source text, with their line numbers. */
export function importsOf(text: string): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    const at = match.index + match[0].length - match[0].trimStart().length;
    if (specifier) found.push({ specifier, line: text.slice(0, at).split("\n").length });
  }
  return found;
}

/** Where a path under src/ sits: its layer index and, inside worker/, its role index (-1 for none). */
function place(pathInSrc: string): { layer: number; folder: string; role: number } {
  const parts = pathInSrc.split("/");
  const folder = parts.length > 1 ? parts[0]! : "";
  const role = folder === "worker" && parts.length > 2 ? WORKER_ROLES.indexOf(parts[1]!) : -1;
  return { layer: LAYERS.indexOf(folder), folder, role };
}

/** Checks one file (its path relative to src/, and its text). */
export function checkFile(pathInSrc: string, text: string): Violation[] {
  const from = place(pathInSrc);
  const violations: Violation[] = [];
  const say = (line: number, specifier: string, reason: string) => violations.push({ file: `src/${pathInSrc}`, line, specifier, reason });
  if (from.layer < 0) say(1, "", `folder src/${from.folder}/ is not in the layer list of scripts/lint-layers.ts (and ARCHITECTURE.md)`);
  for (const { specifier, line } of importsOf(text)) {
    if (!specifier.startsWith(".")) {
      const owner = Object.entries(CLIENT_PACKAGES).find(([pkg]) => specifier === pkg || specifier.startsWith(`${pkg}/`))?.[1];
      if (owner && !pathInSrc.startsWith(`${owner}/`)) say(line, specifier, `only src/${owner}/ may import ${specifier}`);
      continue;
    }
    const target = relative("/src", resolve("/src", dirname(pathInSrc), specifier));
    if (target.startsWith("..")) continue; // package.json and other files outside src/
    const to = place(target);
    if (to.layer > from.layer) {
      say(line, specifier, `${from.folder || "src/"} (layer ${from.layer}) imports ${to.folder} (layer ${to.layer}): a folder imports only the folders below it`);
    } else if (from.folder === "worker" && to.folder === "worker" && from.role >= 0 && to.role > from.role) {
      say(line, specifier, `worker/${WORKER_ROLES[from.role]} imports worker/${WORKER_ROLES[to.role]}: worker's roles import only the roles below them (${WORKER_ROLES.join(" < ")})`);
    }
  }
  return violations;
}

const isTest = (path: string) => /\.(test|integration\.test|conformance)\.ts$/.test(path) || path.endsWith(".d.ts");

/** Every non-test source file under `srcDir`, checked. */
export function checkTree(srcDir: string): Violation[] {
  const files = readdirSync(srcDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !isTest(f));
  return files.sort().flatMap((f) => checkFile(f.split("\\").join("/"), readFileSync(join(srcDir, f), "utf8")));
}

if (import.meta.main) {
  const violations = checkTree(join(import.meta.dir, "..", "src"));
  for (const v of violations) console.log(`${v.file}:${v.line} ${v.specifier ? `"${v.specifier}": ` : ""}${v.reason}`);
  console.log(violations.length ? `${violations.length} import(s) against the layers` : `layers hold (${LAYERS.filter(Boolean).join(" < ")})`);
  process.exit(violations.length ? 1 : 0);
}
