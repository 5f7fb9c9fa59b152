// The broker frozen (SIGSTOP) for 20 s mid-run, on a broker of this file's own
// (the shared one is never paused): the port still accepts connections but
// nothing answers. The run must ride it out, publish again once the broker
// thaws, lose nothing, and be judged not valid (publish stalled), exit 1.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readOnlyResult, startOmb } from "../support/cli";
import { type OwnBroker, startOwnBroker } from "../support/own-broker";

const PAUSE_MS = 20_000;
let dir = "";
let broker: OwnBroker;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "omb-broker-pause-"));
  broker = await startOwnBroker("pause");
}, 180_000);
afterAll(async () => {
  await broker?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("broker paused (SIGSTOP) for 20 s mid-run: exit 1, invalid (publish stalled), publishing resumes, nothing lost", async () => {
  const out = join(dir, "paused");
  const omb = startOmb(["run", "-d", "throughput", "--bootstrap-servers", broker.bootstrap, "--duration", "35s", "--warmup", "0s", "--stats-interval", "2s", "-o", out, "quick-test"]);
  await omb.waitFor(/^Pub rate/, 90_000);
  broker.pause();
  const pausedAt = Date.now();
  try {
    // The fault itself lasts 20 s: this wait is its length, not a readiness guess.
    await Bun.sleep(PAUSE_MS);
  } finally {
    broker.resume();
  }
  const resumedAt = Date.now();
  const code = await omb.exited;
  const r = readOnlyResult(out);
  expect({ code, status: r.omb.status }).toEqual({ code: 1, status: "invalid" });
  const failing = r.omb.verdict!.checks.filter((c) => !c.ok).map((c) => c.label);
  expect(failing.join("\n")).toMatch(/^publish stalled: /m);
  expect(r.omb.reconciliation.lost).toBe(0);
  // Publishing went on after the thaw: some period that began after it has sends acked.
  const after = r.omb.periods.map((p, i) => ({ p, rate: r.publishRate[i]! })).filter(({ p }) => p.startedAt > resumedAt);
  expect(after.some(({ rate }) => rate > 0)).toBe(true);
  expect(pausedAt).toBeLessThan(resumedAt);
}, 240_000);
