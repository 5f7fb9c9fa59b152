// The pieces of a child without a broker: the producer runner's in-flight cap,
// failure accounting and bounded stop; the subscription tracker's duplicates and
// probes; and the merge of subscriptions over children.
import { expect, test } from "bun:test";
import type { BenchmarkProducer, OutgoingMessage } from "../../drivers/driver";
import { DriverError } from "../../drivers/driver";
import { decodeOmbHeaders, HeaderEncoder } from "../../message/headers";
import { createKeyDistributor } from "../../message/key-distributor";
import { PayloadPool } from "../../message/payload";
import { SequenceSet } from "../../stats/sequence-set";
import { StatsRecorder } from "../../stats/stats-recorder";
import { ProducerRunner, UNSETTLED_AT_STOP } from "./producer-runner";
import { SubscriptionTracker } from "./subscription-tracker";
import { InFlightBudget } from "./in-flight-budget";
import { mergeSubscriptionReports } from "../../stats/merge";
import { pollUntil } from "../../../test/support/worker-process";

/** A driver producer whose sends settle only when the test says so. */
function heldProducer() {
  const held: { message: OutgoingMessage; resolve(): void; reject(e: unknown): void }[] = [];
  const producer: BenchmarkProducer = {
    send: (message) => new Promise((resolve, reject) => held.push({ message, resolve, reject })),
    flush: async () => {},
    close: async () => {},
  };
  return { producer, held };
}

const load = (rate: number) => ({
  rate,
  payloads: new PayloadPool({ kind: "zeros", size: 10 }),
  keys: createKeyDistributor("NO_KEY"),
});

test("at most maxUnacked sends are open; the rest wait (publish delay), not pile up", async () => {
  const { producer, held } = heldProducer();
  const runner = new ProducerRunner("p0", "t", producer, new StatsRecorder(), 5);
  runner.start(load(Number.POSITIVE_INFINITY));
  await pollUntil("5 sends open", 5_000, async () => (held.length === 5 ? true : undefined));
  // The loop keeps turning (event-loop turns, not wall-clock time, under load); nothing more may be handed over.
  for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(held.length).toBe(5);
  held[0]!.resolve();
  await pollUntil("a 6th send after an ack", 5_000, async () => (held.length === 6 ? true : undefined));
  expect(runner.report().sent).toBe(6);
  const report = await runner.stop(10);
  expect(held.length).toBe(6);
  expect(report).toMatchObject({ sent: 6, acked: 1, failed: 5, errorsByType: { [UNSETTLED_AT_STOP]: 5 } });
  const failed = SequenceSet.decode(report.failedSequences);
  expect([0, 1, 2, 3, 4, 5].filter((s) => failed.has(s))).toEqual([1, 2, 3, 4, 5]);
  // A late ack changes nothing: the report was final.
  held[1]!.resolve();
  await Bun.sleep(0);
  expect(await runner.stop(10)).toBe(report);
});

test("the producers of a child share one in-flight byte budget: when it is spent, none sends until bytes are acked", async () => {
  const { producer, held } = heldProducer();
  // Each message holds its 10-byte value plus the omb header: the budget lets a few out in all.
  const budget = new InFlightBudget(100);
  const runners = ["p0", "p1", "p2"].map((id) => new ProducerRunner(id, "t", producer, new StatsRecorder(), 1_000, budget));
  for (const r of runners) r.start(load(Number.POSITIVE_INFINITY));
  await pollUntil("budget spent", 5_000, async () => (budget.spent ? true : undefined));
  await Bun.sleep(50);
  const open = held.length;
  expect(open).toBeLessThan(10);
  expect(budget.bytes).toBeGreaterThanOrEqual(100);
  held[0]!.resolve();
  await pollUntil("a send after an ack", 5_000, async () => (held.length > open ? true : undefined));
  for (const r of runners) await r.stop(10);
  // Given up on at stop: their bytes are back.
  expect(budget.bytes).toBe(0);
});

test("failures are counted by driver error type and stop waits for open sends", async () => {
  const { producer, held } = heldProducer();
  const recorder = new StatsRecorder();
  const runner = new ProducerRunner("p1", "t", producer, recorder);
  runner.start(load(1_000));
  await pollUntil("4 sends", 5_000, async () => (held.length >= 4 ? true : undefined));
  const stopping = runner.stop(5_000);
  held.forEach((h, i) => (i % 2 ? h.reject(new DriverError("NOT_LEADER_OR_FOLLOWER", "moved")) : h.resolve()));
  const report = await stopping;
  expect(report.sent).toBe(held.length);
  expect(report.acked + report.failed).toBe(report.sent);
  expect(report.errorsByType).toEqual({ NOT_LEADER_OR_FOLLOWER: report.failed });
  expect(recorder.counters().messageSendErrors).toBe(report.failed);
  expect((await recorder.drainPeriod()).messagesSent).toBe(report.acked);
  expect(decodeOmbHeaders(held[3]!.message.headers)).toMatchObject({ producerId: "p1", sequence: 3 });
});

function message(producer: string, sequence: number, sentMicros: number) {
  return { topic: "t", partition: 0, value: new Uint8Array(100), headers: new HeaderEncoder(producer).encode(sequence, sentMicros) };
}

test("the subscription tracker counts duplicates, probes apart and skips foreign messages", async () => {
  const recorder = new StatsRecorder();
  const tracker = new SubscriptionTracker("s", "t", recorder);
  const probe = { topic: "t", partition: 0, value: new Uint8Array(0), headers: new HeaderEncoder("p0").encodeProbe(1) };
  tracker.onMessages([message("p0", 0, 1_000), message("p0", 1, 1_000), message("p1", 0, 1_000)], 3_000);
  tracker.onMessages([message("p0", 1, 1_000), probe, { topic: "t", partition: 0, value: new Uint8Array(1), headers: {} }], 4_000);
  const report = tracker.report();
  expect(report).toMatchObject({ subscription: "s", topic: "t", received: 4, duplicates: 1 });
  expect(tracker.foreign).toBe(1);
  expect(recorder.counters()).toEqual({ messagesSent: 0, messageSendErrors: 0, messagesReceived: 4, probesReceived: 1 });
  expect(SequenceSet.decode(report.receivedByProducer.p0!).count).toBe(2);
  // The period's receipts are counted per subscription too, for the verdict's "consumers kept up".
  expect((await recorder.drainPeriod()).receivedBySubscription).toEqual({ "t/s": 4 });
});

test("subscriptions merged over children: sets joined, a sequence seen in two children is a duplicate", () => {
  const a = new SubscriptionTracker("s", "t", new StatsRecorder());
  const b = new SubscriptionTracker("s", "t", new StatsRecorder());
  const other = new SubscriptionTracker("s2", "t", new StatsRecorder());
  a.onMessages([0, 1, 2].map((s) => message("p0", s, 0)), 1);
  b.onMessages([2, 3].map((s) => message("p0", s, 0)).concat(message("p1", 0, 0)), 1);
  other.onMessages([message("p0", 0, 0)], 1);
  const merged = mergeSubscriptionReports([a.report(), b.report(), other.report()]);
  expect(merged.map((r) => [r.subscription, r.received, r.duplicates])).toEqual([
    ["s", 6, 1],
    ["s2", 1, 0],
  ]);
  const p0 = SequenceSet.decode(merged[0]!.receivedByProducer.p0!);
  expect(p0.countMissing(4)).toBe(0);
  expect(Object.keys(merged[0]!.receivedByProducer).sort()).toEqual(["p0", "p1"]);
});
