// What the chart's tests share: the pinned tools (installed by tools.sh on first
// use), `helm template` of the chart into objects, and reading those objects.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

export const CHART = join(import.meta.dir, "omb");
/** The namespace every test renders into. */
export const NAMESPACE = "load";
/** The tools' first build (Helm from source) takes minutes; later calls only look. */
export const TOOLS_TIMEOUT_MS = 40 * 60_000;

/** A rendered manifest: an untyped Kubernetes object, read field by field. */
export type Doc = any;

export interface ChartTools {
  helm: string;
  validator: string;
}

export function chartTools(): ChartTools {
  const r = run(["bash", join(import.meta.dir, "tools.sh")], TOOLS_TIMEOUT_MS);
  const helm = /^helm=(.+)$/m.exec(r.out)?.[1];
  const validator = /^kubernetes-validate=(.+)$/m.exec(r.out)?.[1];
  if (r.code !== 0 || !helm || !validator) throw new Error(`deploy/helm/tools.sh failed (exit ${r.code}):\n${r.err}${r.out}`);
  return { helm, validator };
}

export function run(argv: string[], timeout = 120_000): { code: number | null; out: string; err: string } {
  const p = Bun.spawnSync(argv, { stdout: "pipe", stderr: "pipe", timeout, env: { ...process.env, NO_COLOR: "1" } });
  return { code: p.exitCode, out: p.stdout.toString(), err: p.stderr.toString() };
}

/** `helm template bench <chart>` with these flags, as text; throws with helm's message on failure. */
export function renderText(tools: ChartTools, flags: string[]): string {
  const r = run([tools.helm, "template", "bench", CHART, "--namespace", NAMESPACE, ...flags]);
  if (r.code !== 0) throw new Error(`helm template ${flags.join(" ")} failed:\n${r.err}`);
  return r.out;
}

export function render(tools: ChartTools, flags: string[]): Doc[] {
  return parseAllDocuments(renderText(tools, flags))
    .map((d) => d.toJS())
    .filter(Boolean);
}

/** The rendered manifests in a file of their own, for kubernetes-validate. */
export function renderToFile(tools: ChartTools, flags: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), "omb-chart-")), "manifests.yaml");
  writeFileSync(file, renderText(tools, flags));
  return file;
}

/** The one object of this kind. */
export function kind(docs: Doc[], k: string): Doc {
  const found = docs.filter((d) => d.kind === k);
  if (found.length !== 1) throw new Error(`expected one ${k}, rendered ${found.length}`);
  return found[0];
}

export function container(workload: Doc): Doc {
  return workload.spec.template.spec.containers[0];
}

/** The value of `--name=value` in a container's args. */
export function flag(args: string[], name: string): string {
  const arg = args.find((a) => a.startsWith(`${name}=`));
  if (arg === undefined) throw new Error(`no ${name}= in ${args.join(" ")}`);
  return arg.slice(name.length + 1);
}
