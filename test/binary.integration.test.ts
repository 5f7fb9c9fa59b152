// The compiled binary stands alone: copied by itself into an empty folder, with no
// node_modules (and so no bun) on PATH, it still runs: a whole benchmark included.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import pkg from "../package.json" with { type: "json" };
import { KAFKA_BOOTSTRAP } from "./support/kafka";

const ROOT = join(import.meta.dir, "..");
const BUILT = join(ROOT, "dist", "omb");
let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "omb-binary-"));
  const binary = join(dir, "omb");
  if (existsSync(BUILT)) {
    copyFileSync(BUILT, binary);
  } else {
    // Built straight into the temp folder: dist/ belongs to `bun run build`.
    const build = Bun.spawnSync([process.execPath, "build.ts", binary], { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
    if (build.exitCode !== 0) throw new Error(`bun build.ts failed:\n${build.stderr.toString()}${build.stdout.toString()}`);
  }
}, 180_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function omb(...args: string[]) {
  const path = (process.env.PATH ?? "").split(delimiter).filter((p) => p && !p.includes("node_modules"));
  const proc = Bun.spawnSync(["./omb", ...args], {
    cwd: dir,
    env: { PATH: path.join(delimiter), HOME: dir, NO_COLOR: "1" },
    stdout: "pipe",
    stderr: "pipe",
    timeout: 30_000,
  });
  return { code: proc.exitCode, out: proc.stdout.toString(), err: proc.stderr.toString() };
}

test("`omb version` in an empty folder prints the package version and the embedded Bun", () => {
  const r = omb("version");
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  expect(r.out).toContain(`omb ${pkg.version} (commit `);
  expect(r.out).toMatch(/^bun \d+\.\d+\.\d+ \(embedded\)$/m);
});

test("`omb version --json` says it runs compiled", () => {
  const r = omb("version", "--json");
  expect(r.code).toBe(0);
  expect(JSON.parse(r.out)).toMatchObject({ version: pkg.version, compiled: true });
});

test("`omb --help` lists the version subcommand", () => {
  const r = omb("--help");
  expect(r.code).toBe(0);
  expect(r.out).toContain("USAGE");
  expect(r.out).toMatch(/^\s+version\s+Print omb's version/m);
});

/** These runs test the binary, not the rate a 3 s run holds on a busy host: judged with a loose rate tolerance. */
const LOOSE_RATE = ["--rate-tolerance", "25%"];

test("`omb list` and `omb validate` read the embedded catalogue with no file beside the binary", () => {
  const listed = omb("list", "--json");
  expect(listed.code).toBe(0);
  const listedAll: { kind: string; name: string }[] = JSON.parse(listed.out);
  const names = (kind: string) => listedAll.filter((e) => e.kind === kind).map((e) => e.name);
  expect(names("client")).toEqual(["kafkajs", "platformatic"]);
  const entries = listedAll.filter((e) => e.kind !== "client");
  const onDisk = (folder: string) => [...new Bun.Glob("*.yaml").scanSync(join(ROOT, folder))].map((f) => f.replace(/\.yaml$/, "")).sort();
  expect(names("workload").sort()).toEqual(onDisk("workloads"));
  expect(names("driver").sort()).toEqual(onDisk("configs"));
  const valid = omb("validate", "--strict", ...entries.map((e) => e.name));
  expect({ code: valid.code, err: valid.err }).toEqual({ code: 0, err: "" });
  expect(valid.out.match(/: OK/g)?.length).toBe(entries.length);
  const bad = omb("validate", "no-such-workload");
  expect(bad.code).toBe(2);
  expect(bad.out + bad.err).toContain("no-such-workload");
});

test.each(["kafkajs", "platformatic"])(
  "`omb run --client %s` from the binary alone starts its workers, produces, consumes and writes a clean result",
  (client) => {
    const bootstrap = KAFKA_BOOTSTRAP;
    const out = `results-${client}`;
    const r = omb("run", "quick-test", "--client", client, "-d", "kafka-throughput", "--bootstrap-servers", bootstrap, "--duration", "3s", "--warmup", "1s", ...LOOSE_RATE, "-o", out);
    expect({ code: r.code, err: r.code === 0 ? "" : r.err + r.out }).toEqual({ code: 0, err: "" });
    const [file] = [...new Bun.Glob(`${out}/*.json`).scanSync(dir)];
    const result = JSON.parse(readFileSync(join(dir, file!), "utf8"));
    expect(result.omb.status).toBe("ok");
    expect(result.omb.driverConfig.client).toBe(client);
    const [subscription] = result.omb.reconciliation.subscriptions;
    expect(subscription.acked).toBeGreaterThan(0);
    expect({ lost: subscription.lost, consumed: subscription.consumed }).toEqual({ lost: 0, consumed: subscription.acked });
    expect(result.omb.throughput.publishRate).toBeGreaterThan(500);
  },
  60_000,
);

test("`omb run` with one driver file per client, then `omb report` on the two results: side by side", () => {
  const bootstrap = KAFKA_BOOTSTRAP;
  const out = "results-both";
  const r = omb("run", "quick-test", "-d", "kafka-throughput,kafka-throughput-platformatic", "--bootstrap-servers", bootstrap, "--duration", "3s", "--warmup", "1s", ...LOOSE_RATE, "-o", out);
  expect({ code: r.code, err: r.code === 0 ? "" : r.err + r.out }).toEqual({ code: 0, err: "" });
  const files = [...new Bun.Glob(`${out}/*.json`).scanSync(dir)].sort();
  expect(files).toHaveLength(2);
  const report = omb("report", ...files);
  expect(report.code).toBe(0);
  const row = (label: string) => report.out.split("\n").find((l) => l.startsWith(`| ${label} |`))?.split("|").slice(2, -1).map((c) => c.trim());
  expect(row("driver")).toEqual(["kafka-throughput", "kafka-throughput-platformatic"]);
  expect(row("client")).toEqual(["kafkajs", "platformatic"]);
  expect(row("lost")).toEqual(["0", "0"]);
}, 90_000);

test("`omb run` from the binary alone writes the HTML report beside the JSON and names it in the summary", () => {
  const bootstrap = KAFKA_BOOTSTRAP;
  const r = omb("run", "quick-test", "-d", "kafka-throughput", "--bootstrap-servers", bootstrap, "--duration", "3s", "--warmup", "1s", ...LOOSE_RATE, "-o", "results");
  expect({ code: r.code, err: r.code === 0 ? "" : r.err + r.out }).toEqual({ code: 0, err: "" });
  const [file] = [...new Bun.Glob("results/*.json").scanSync(dir)];
  const result = JSON.parse(readFileSync(join(dir, file!), "utf8"));
  expect(result.omb.status).toBe("ok");
  expect(result.omb.reconciliation.lost).toBe(0);
  expect(result.omb.throughput.publishRate).toBeGreaterThan(500);
  // The HTML report beside the JSON by default, named in the summary, carrying its chart library.
  const html = file!.replace(/\.json$/, ".html");
  expect(r.out).toMatch(new RegExp(`html report \\.+ results/${html.slice("results/".length).replace(/[.-]/g, "\\$&")}$`, "m"));
  const page = readFileSync(join(dir, html), "utf8");
  expect(page).toContain("Charts drawn with uPlot");
  expect(page).toContain(`"id":"latency-quantiles"`);
}, 60_000);
