// Processes killed with SIGKILL mid-run, against the shared broker (no broker is
// harmed): a producer worker, one child of a worker, and the coordinator. The
// first two end the run incomplete (exit 1) with what was measured kept; after
// the coordinator's death every worker, the consumer-only one included, tears
// its session down by its deadman switch within the deadman time.
// (A consumer-only worker killed: test/faults/worker-faults.integration.test.ts.)
import { afterAll, afterEach, beforeAll, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HttpWorker } from "../../src/worker/client/http-worker";
import { readOnlyResult, startOmb } from "../support/cli";
import { KAFKA_BOOTSTRAP } from "../support/kafka";
import { type WorkerProcess, pollUntil, startWorkerProcess } from "../support/worker-process";

const DEADMAN_SECONDS = 6;
let dir = "";
let workers: WorkerProcess[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "omb-process-kills-"));
});
afterEach(async () => {
  await Promise.all(workers.map((w) => w.terminate()));
  workers = [];
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const coordinate = (urls: string[], out: string, duration = "30s") =>
  startOmb(["coordinate", "-w", urls.join(","), "-d", "throughput", "--bootstrap-servers", KAFKA_BOOTSTRAP, "--duration", duration, "--warmup", "0s", "--stats-interval", "2s", "-o", out, "quick-test"]);

async function twoWorkers(extra: string[] = []): Promise<WorkerProcess[]> {
  workers = await Promise.all(["w0", "w1"].map((id) => startWorkerProcess(["--processes", "1", "--id", id, ...extra])));
  return workers;
}

/** The worker URL the plan line names for producers or consumers. */
async function roleOf(omb: ReturnType<typeof startOmb>, role: "producers" | "consumers"): Promise<string> {
  const plan = await omb.waitFor(/^.*test \S+: \d+ producers on \[(\S+)\], .* consumers in \d+ subscriptions on \[(\S+)\]$/, 60_000);
  const [, producers, consumers] = /producers on \[(\S+)\], .* on \[(\S+)\]$/.exec(plan)!;
  return role === "producers" ? producers! : consumers!;
}

test("a producer worker killed with SIGKILL mid-run: exit 1, incomplete, the worker named as lost, nothing counted lost", async () => {
  const urls = (await twoWorkers()).map((w) => w.url);
  const out = join(dir, "producer-killed");
  const omb = coordinate(urls, out);
  const producerUrl = await roleOf(omb, "producers");
  await omb.waitFor(/^Pub rate/, 60_000);
  workers.find((w) => w.url === producerUrl)!.process.kill("SIGKILL");
  const code = await omb.exited;
  const r = readOnlyResult(out);
  expect({ code, status: r.omb.status }).toEqual({ code: 1, status: "incomplete" });
  expect(r.omb.workers.filter((w) => w.lost).map((w) => w.id)).toEqual([producerUrl]);
  expect(r.omb.reconciliation.lost).toBe(0);
}, 150_000);

test("one child killed with SIGKILL mid-run: the worker goes on, exit 1, incomplete, the crash recorded with its producer", async () => {
  workers = [await startWorkerProcess(["--processes", "2", "--id", "w-child"])];
  const [wp] = workers;
  const out = join(dir, "child-killed");
  const omb = coordinate([wp!.url], out);
  await omb.waitFor(/^Pub rate/, 60_000);
  const children = (await new HttpWorker(wp!.url).health()).children ?? [];
  const victim = children.find((c) => c.producers > 0)!;
  process.kill(victim.pid, "SIGKILL");
  const code = await omb.exited;
  const r = readOnlyResult(out);
  expect({ code, status: r.omb.status }).toEqual({ code: 1, status: "incomplete" });
  const crashed = r.omb.workers.flatMap((w) => w.crashedChildren);
  expect(crashed).toHaveLength(1);
  expect(crashed[0]).toMatchObject({ child: victim.index, signal: "SIGKILL" });
  expect(wp!.process.exitCode).toBeNull();
  expect(r.omb.verdict!.checks.find((c) => c.id === "workers")!.label).toMatch(/1 child processes died/);
}, 150_000);

test(`the coordinator killed with SIGKILL: every worker, the consumer-only one included, is idle within its deadman (${DEADMAN_SECONDS} s)`, async () => {
  const urls = (await twoWorkers(["--deadman", String(DEADMAN_SECONDS)])).map((w) => w.url);
  const out = join(dir, "coordinator-killed");
  const omb = coordinate(urls, out, "120s");
  const consumerUrl = await roleOf(omb, "consumers");
  await omb.waitFor(/^Pub rate/, 60_000);
  const clients = urls.map((url) => new HttpWorker(url));
  expect((await Promise.all(clients.map((c) => c.health()))).map((h) => h.state).sort()).toEqual(["initialized", "running"]);
  omb.process.kill("SIGKILL");
  const killedAt = performance.now();
  await omb.exited;
  expect(omb.process.signalCode).toBe("SIGKILL");
  // Nothing judged: a coordinator killed writes no result.
  expect(existsSync(out) ? readdirSync(out).filter((f) => f.endsWith(".json")) : []).toEqual([]);
  for (const client of clients) {
    await pollUntil(`${client.id} idle`, (DEADMAN_SECONDS + 15) * 1000, async () => {
      const h = await client.health();
      return h.state === "idle" && (h.children ?? []).length === 0 ? true : undefined;
    });
  }
  const seconds = (performance.now() - killedAt) / 1000;
  console.log(`both workers idle ${seconds.toFixed(1)} s after the coordinator was killed (deadman ${DEADMAN_SECONDS} s)`);
  for (const wp of workers) {
    expect(wp.output.some((l) => l.includes(`(deadman ${DEADMAN_SECONDS} s) in a session; stopping it as stop-all does`))).toBe(true);
  }
  // The consumer-only worker was torn down too, not only the producer one.
  expect(workers.find((w) => w.url === consumerUrl)!.output.some((l) => l.includes("session stopped by the deadman switch"))).toBe(true);
}, 150_000);
