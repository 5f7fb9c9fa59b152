// Runs through a broker outage and a topic deleted from outside, on a broker of
// this file's own (the shared one is never stopped): the producers resume once
// the broker is back, and the verdict says the run is not valid, naming why.
// The same broker checks the own-broker helper itself (one broker lifecycle for all).
import { afterAll, beforeAll, expect, test } from "bun:test";
import { Kafka, logLevel } from "kafkajs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestResult } from "../../src/result/types";
import { portAnswers } from "../../scripts/kafka/process";
import { readOnlyResult, startOmb } from "../support/cli";
import { KAFKA_BOOTSTRAP } from "../support/kafka";
import { type OwnBroker, startOwnBroker } from "../support/own-broker";

let dir = "";
let broker: OwnBroker;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "omb-faults-"));
  broker = await startOwnBroker("outage");
}, 180_000);
afterAll(async () => {
  await broker?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const failing = (r: TestResult) => r.omb.verdict!.checks.filter((c) => !c.ok).map((c) => c.label);
const TARGET = 1000;

test("broker stopped mid-run and started again: producers resume; exit 1, invalid, errors counted by type", async () => {
  const out = join(dir, "restart");
  const omb = startOmb(["run", "-d", "kafka-throughput", "--bootstrap-servers", broker.bootstrap, "--duration", "30s", "--warmup", "0s", "--stats-interval", "2s", "-o", out, "quick-test"]);
  await omb.waitFor(/^Pub rate/, 90_000);
  await broker.stop();
  const stoppedAt = Date.now();
  // An outage of at least two full periods, seen by the run itself.
  const seen = omb.lines.filter((l) => l.startsWith("Pub rate")).length;
  await waitForLines(omb.lines, /^Pub rate/, seen + 2, 30_000);
  await broker.start();
  const restartedAt = Date.now();
  const code = await omb.exited;
  const r = readOnlyResult(out);
  expect({ code, status: r.omb.status }).toEqual({ code: 1, status: "invalid" });
  expect(Object.keys(r.omb.errorsByType).length).toBeGreaterThan(0);
  expect(failing(r).join("\n")).toMatch(/^send errors: \d+ of \d+ sends failed .*: \S+ \d+/m);
  // Some period that began after the restart published at the target rate again.
  const after = r.omb.periods.map((p, i) => ({ p, rate: r.publishRate[i]! })).filter(({ p }) => p.startedAt > restartedAt);
  expect(after.length).toBeGreaterThan(0);
  expect(after.some(({ rate }) => Math.abs(rate - TARGET) / TARGET <= 0.02)).toBe(true);
  expect(stoppedAt).toBeLessThan(restartedAt);
}, 180_000);

test("topic deleted from outside mid-run: exit 1, invalid, the cause named", async () => {
  const out = join(dir, "deleted");
  const omb = startOmb(["run", "-d", "kafka-throughput", "--bootstrap-servers", broker.bootstrap, "--duration", "12s", "--warmup", "0s", "--stats-interval", "2s", "-o", out, "quick-test"]);
  const created = await omb.waitFor(/created 1 topics .*: (\S+)\*$/, 90_000);
  const prefix = /: (\S+)\*$/.exec(created)![1]!;
  await omb.waitFor(/^Pub rate/, 60_000);
  const admin = new Kafka({ clientId: "omb-fault-test", brokers: [broker.bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
  expect(topics).toHaveLength(1);
  await admin.deleteTopics({ topics });
  await admin.disconnect();
  const code = await omb.exited;
  const r = readOnlyResult(out);
  expect({ code, status: r.omb.status }).toEqual({ code: 1, status: "invalid" });
  expect(failing(r)).toContain(`topics deleted from outside during the run: ${topics[0]}`);
  expect(failing(r).join("\n")).toMatch(/^publish stalled: /m);
}, 180_000);

test("the own broker: apart from the shared one; paused it answers nothing, resumed it answers; close ends it", async () => {
  expect(broker.bootstrap).not.toBe(KAFKA_BOOTSTRAP);
  const admin = new Kafka({ clientId: "omb-own-broker-test", brokers: [broker.bootstrap], logLevel: logLevel.NOTHING, requestTimeout: 2000, retry: { retries: 0 } }).admin();
  await admin.connect();
  broker.pause();
  expect(await admin.listTopics().then(() => "answered", () => "no answer")).toBe("no answer");
  broker.resume();
  expect(await admin.listTopics()).toBeArray();
  await admin.disconnect();
  const [host, port] = broker.bootstrap.split(":") as [string, string];
  await broker.close();
  expect(await portAnswers(Number(port), host)).toBe(false);
}, 60_000);

/** Resolves once `count` lines match (the run's own period lines mark time here, not a sleep). */
async function waitForLines(lines: string[], pattern: RegExp, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (lines.filter((l) => pattern.test(l)).length < count) {
    if (Date.now() > deadline) throw new Error(`fewer than ${count} lines matching ${pattern} within ${timeoutMs} ms:\n${lines.join("\n")}`);
    await Bun.sleep(100);
  }
}
