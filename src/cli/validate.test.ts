// `omb validate` and `omb list` as a user runs them (source CLI, or OMB_BIN).
import { expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { REPO, tempDir } from "../../test/support/config-files";

const command = process.env.OMB_BIN ? [process.env.OMB_BIN] : [process.execPath, join(REPO, "src/cli/main.ts")];

async function omb(...args: string[]) {
  const proc = Bun.spawn([...command, ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: "1" }, stdout: "pipe", stderr: "pipe" });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

const dir = tempDir();
const warned = join(dir, "warned.yaml");
writeFileSync(warned, "name: w\ndriverClass: kafkajs\ncommonConfig: |\n  bootstrap.servers=h:1\nproducerConfig: |\n  transactional.id=x\n");

test("validate: OK lines with the kind, by path and by embedded name; exit 0", async () => {
  const r = await omb("validate", "workloads/quick-test.yaml", "throughput", "test/fixtures/java-omb/workers.yaml");
  expect(r.code).toBe(0);
  expect(r.stdout).toBe(
    "workloads/quick-test.yaml: OK (workload)\nembedded:throughput: OK (driver)\ntest/fixtures/java-omb/workers.yaml: OK (workers)\n",
  );
});

test("validate: warnings are printed with the OK; --strict makes them errors (exit 2)", async () => {
  const loose = await omb("validate", warned);
  expect(loose.code).toBe(0);
  expect(loose.stdout).toContain(`${warned}: OK (driver)`);
  expect(loose.stdout).toContain(`warning: ${warned}:6:3 producerConfig.transactional.id: unsupported`);
  const strict = await omb("validate", "--strict", warned);
  expect(strict.code).toBe(2);
  expect(strict.stdout).toContain(`${warned}:6:3 producerConfig.transactional.id: unsupported`);
  expect(strict.stdout).not.toContain("OK");
});

test("validate: one bad file among good ones gives exit 2, the good ones still say OK", async () => {
  const r = await omb("validate", "quick-test", "test/fixtures/malformed/w-topics-zero.yaml");
  expect(r.code).toBe(2);
  expect(r.stdout).toContain("embedded:quick-test: OK (workload)");
  expect(r.stdout).toContain("test/fixtures/malformed/w-topics-zero.yaml:2:9 topics: 0 is below the minimum 1");
});

test("validate --kind forces the kind", async () => {
  const r = await omb("validate", "--kind", "driver", "workloads/quick-test.yaml");
  expect(r.code).toBe(2);
  expect(r.stdout).toContain("driverClass: missing");
});

test("validate --json", async () => {
  const r = await omb("validate", "--json", "quick-test", warned, "test/fixtures/malformed/k-no-port.yaml");
  expect(r.code).toBe(2);
  const reports = JSON.parse(r.stdout);
  expect(reports).toMatchObject([
    { file: "embedded:quick-test", kind: "workload", ok: true, problems: [], warnings: [] },
    { file: warned, kind: "driver", ok: true, warnings: [{ field: "producerConfig.transactional.id", line: 6, col: 3 }] },
    { file: "test/fixtures/malformed/k-no-port.yaml", kind: "workers", ok: false, problems: [{ field: "workers[1]", line: 3 }] },
  ]);
});

test("validate --bootstrap-servers fills in a missing bootstrap.servers", async () => {
  const file = join(dir, "nobootstrap.yaml");
  writeFileSync(file, "name: n\ndriverClass: kafkajs\n");
  expect((await omb("validate", file)).code).toBe(2);
  expect((await omb("validate", "--bootstrap-servers", "k:9092", file)).code).toBe(0);
});

test("validate: an unknown name lists close embedded names", async () => {
  const r = await omb("validate", "latncy");
  expect(r.code).toBe(2);
  expect(r.stdout).toContain("latncy: no such file, and no embedded file of that name (expected one of latency");
});

test("list: workloads and driver configs with their descriptions; --json", async () => {
  const r = await omb("list");
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Workloads:\n/);
  expect(r.stdout).toMatch(/\n {2}quick-test +Smoke test/);
  expect(r.stdout).toMatch(/Driver configs:\n(.*\n)* {2}latency +Low latency/);
  expect(r.stdout).toMatch(/Clients .*:\n {2}kafkajs +.*the default\n {2}platformatic +@platformatic\/kafka/);
  const json = JSON.parse((await omb("list", "--json")).stdout);
  expect(json).toContainEqual({ kind: "driver", name: "exactly-once", file: "configs/exactly-once.yaml", description: expect.any(String) });
  expect(json).toContainEqual({ kind: "client", name: "platformatic", description: expect.stringContaining("@platformatic/kafka") });
});

test("a path that does not exist is an error, even when an embedded file has its name", async () => {
  for (const ref of ["nowhere/quick-test.yaml", "quick-test.yaml", "workloads/16-partitions-1kb.yml"]) {
    const r = await omb("validate", ref);
    expect(r.code, ref).toBe(2);
    expect(r.stdout, ref).toStartWith(`${ref}: no such file (expected an existing path; for omb's embedded workload of that name, give the name alone:`);
  }
});

test("omb show NAME prints the embedded file; `omb show quick-test | omb validate -` passes", async () => {
  for (const name of ["quick-test", "throughput"]) {
    const shown = await omb("show", name);
    expect(shown.code).toBe(0);
    const file = join(dir, `${name}-shown.yaml`);
    writeFileSync(file, shown.stdout);
    const proc = Bun.spawn([...command, "validate", "-"], { cwd: REPO, env: { ...process.env, NO_COLOR: "1" }, stdin: Bun.file(file), stdout: "pipe" });
    const [out, code] = await Promise.all([new Response(proc.stdout).text(), proc.exited]);
    expect({ out, code }).toEqual({ out: `<stdin>: OK (${name === "throughput" ? "driver" : "workload"})\n`, code: 0 });
  }
  const missing = await omb("show", "quik-test");
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain("did you mean quick-test?");
});

test("unknown flags exit 2 naming the flag; bare omb and omb help [command] print help and exit 0", async () => {
  const worker = await omb("worker", "--prot", "1");
  expect({ code: worker.code, stderr: worker.stderr }).toEqual({ code: 2, stderr: "omb worker: unknown flag --prot (did you mean --port?)\nsee `omb worker --help`\n" });
  const report = await omb("report", "--pdf", "x.pdf", "r.json");
  expect(report.code).toBe(2);
  expect(report.stderr).toStartWith("omb report: unknown flag --pdf");
  for (const args of [[], ["help"], ["help", "run"], ["run", "--help"]]) {
    const r = await omb(...args);
    expect(r.code, args.join(" ")).toBe(0);
    expect(r.stdout, args.join(" ")).toContain("EXAMPLES");
    expect(r.stdout, args.join(" ")).not.toContain("\u001b[");
  }
  expect((await omb("help", "nosuch")).code).toBe(2);
});
