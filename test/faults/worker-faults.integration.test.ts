// Worker and address faults, judged: a consumer-only worker killed mid-run
// leaves its subscription's messages unverified (never lost) and the run
// incomplete; a wrong broker address ends the run as failed, at once, in one
// line. Neither breaks a broker, so the shared one serves.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer } from "node:net";
import { readOnlyResult, startOmb } from "../support/cli";
import { KAFKA_BOOTSTRAP } from "../support/kafka";
import { startWorkerProcess, type WorkerProcess } from "../support/worker-process";

let dir = "";
let workers: WorkerProcess[] = [];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "omb-worker-faults-"));
  workers = await Promise.all([startWorkerProcess(["--processes", "1", "--id", "w0"]), startWorkerProcess(["--processes", "1", "--id", "w1"])]);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.terminate()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("a consumer-only worker killed mid-run: incomplete, its subscription's messages unverified, none lost", async () => {
  const out = join(dir, "consumer-killed");
  const urls = workers.map((w) => w.url);
  const omb = startOmb(["coordinate", "-w", urls.join(","), "-d", "throughput", "--bootstrap-servers", KAFKA_BOOTSTRAP, "--duration", "30s", "--warmup", "0s", "--stats-interval", "2s", "-o", out, "quick-test"]);
  const plan = await omb.waitFor(/consumers in \d+ subscriptions on \[(\S+)\]$/, 60_000);
  const consumerUrl = /on \[(\S+)\]$/.exec(plan)![1]!;
  expect(plan).not.toContain(`producers on [${consumerUrl}]`);
  await omb.waitFor(/^Pub rate/, 60_000);
  workers.find((w) => w.url === consumerUrl)!.process.kill("SIGKILL");
  const code = await omb.exited;
  const r = readOnlyResult(out);
  expect({ code, status: r.omb.status }).toEqual({ code: 1, status: "incomplete" });
  expect(r.omb.reconciliation.lost).toBe(0);
  expect(r.omb.reconciliation.unverified).toBeGreaterThan(0);
  expect(r.omb.reconciliation.subscriptions[0]!.unverified).toBe(r.omb.reconciliation.subscriptions[0]!.acked);
}, 120_000);

test("a wrong broker address: exit 1 within 15 s, one line naming it and the cause, status failed, nothing left behind", async () => {
  // A port nothing listens on: held and released, so the connection is refused.
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
  const bootstrap = `127.0.0.1:${port}`;
  const out = join(dir, "wrong-broker");
  const t = performance.now();
  const omb = startOmb(["coordinate", "-w", workers[0]!.url, "-d", "throughput", "--bootstrap-servers", bootstrap, "--duration", "10s", "-o", out, "quick-test"]);
  const code = await omb.exited;
  expect(performance.now() - t).toBeLessThan(15_000);
  expect(code).toBe(1);
  const r = readOnlyResult(out);
  expect(r.omb.status).toBe("failed");
  // Only the JSON and its sidecar: no report renders figures of a run that never started.
  expect(readdirSync(out).filter((f) => !f.endsWith(".json") && !f.endsWith(".json.omb"))).toEqual([]);
  const log = omb.lines.join("\n");
  const cause = omb.lines.filter((l) => l.includes(`broker ${bootstrap} unreachable`));
  expect(cause.length).toBeGreaterThanOrEqual(1);
  expect(cause[0]).toMatch(/ECONNREFUSED|Connection error/);
  // Client retry noise is folded into that line; no leftover-topic hint for topics never created.
  expect(log).not.toContain("[BrokerPool]");
  expect(log).not.toContain("kafka-topics.sh");
  expect(log).toMatch(/topics \.+ none created/);
}, 60_000);
