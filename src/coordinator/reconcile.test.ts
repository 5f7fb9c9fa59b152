import { describe, expect, test } from "bun:test";
import { producerReport, sequences, subscriptionReport } from "../../test/support/fixtures";
import { duplicatesPolicy, reconcile } from "./reconcile";

const subs = [
  { topic: "t0", subscription: "t0-sub-0" },
  { topic: "t0", subscription: "t0-sub-1" },
];
const idempotent = { "enable.idempotence": true };

describe("reconcile", () => {
  test("a subscription whose consumer's worker was lost: what it did not report is unverified, never lost", () => {
    const r = reconcile({
      subscriptions: subs,
      producers: [producerReport("p0", "t0", 1000)],
      reports: [subscriptionReport("t0", "t0-sub-0", { p0: sequences(0, 1000, (n) => n % 100 === 0) })],
      producerConfig: idempotent,
      complete: false,
      unobserved: [subs[1]!],
    });
    expect(r.subscriptions.map((s) => [s.lost, s.unverified])).toEqual([
      [10, 0],
      [0, 1000],
    ]);
    expect({ lost: r.lost, unverified: r.unverified }).toEqual({ lost: 10, unverified: 1000 });
  });

  test("everything acked arrived in each subscription: clean", () => {
    const r = reconcile({
      subscriptions: subs,
      producers: [producerReport("p0", "t0", 1000), producerReport("p1", "t0", 500)],
      reports: [
        subscriptionReport("t0", "t0-sub-0", { p0: sequences(0, 1000), p1: sequences(0, 500) }),
        subscriptionReport("t0", "t0-sub-1", { p0: sequences(0, 1000), p1: sequences(0, 500) }),
      ],
      producerConfig: idempotent,
      complete: true,
    });
    expect(r.subscriptions.map((s) => [s.acked, s.consumed, s.lost, s.duplicated])).toEqual([
      [1500, 1500, 0, 0],
      [1500, 1500, 0, 0],
    ]);
    expect(r.clean).toBe(true);
    expect(r.acked).toBe(1500);
  });

  test("lost = acked sequences never received by that subscription, counted per subscription", () => {
    const r = reconcile({
      subscriptions: subs,
      producers: [producerReport("p0", "t0", 1000)],
      reports: [subscriptionReport("t0", "t0-sub-0", { p0: sequences(0, 1000, (n) => n % 100 === 0) })],
      producerConfig: idempotent,
      complete: true,
    });
    expect(r.subscriptions[0]).toMatchObject({ acked: 1000, consumed: 990, lost: 10 });
    // The second subscription received nothing at all.
    expect(r.subscriptions[1]).toMatchObject({ acked: 1000, consumed: 0, lost: 1000 });
    expect(r.lost).toBe(1010);
    expect(r.clean).toBe(false);
  });

  test("a failed send is not lost; one the broker kept anyway is counted apart", () => {
    const r = reconcile({
      subscriptions: subs.slice(0, 1),
      producers: [producerReport("p0", "t0", 100, [10, 11, 12])],
      reports: [subscriptionReport("t0", "t0-sub-0", { p0: sequences(0, 100, (n) => n === 10 || n === 11) })],
      producerConfig: idempotent,
      complete: true,
    });
    expect(r.subscriptions[0]).toMatchObject({ acked: 97, consumed: 97, lost: 0, receivedAfterFailedSend: 1 });
    expect(r.failed).toBe(3);
    expect(r.clean).toBe(true);
  });

  test("consumers of one subscription on two workers: their overlap is duplication", () => {
    const r = reconcile({
      subscriptions: subs.slice(0, 1),
      producers: [producerReport("p0", "t0", 100)],
      reports: [
        subscriptionReport("t0", "t0-sub-0", { p0: sequences(0, 60) }),
        subscriptionReport("t0", "t0-sub-0", { p0: sequences(50, 100) }),
      ],
      producerConfig: idempotent,
      complete: true,
    });
    expect(r.subscriptions[0]).toMatchObject({ consumed: 100, lost: 0, duplicated: 10 });
    expect(r.clean).toBe(false);
    expect(reconcile({ ...{ subscriptions: subs.slice(0, 1), producers: [producerReport("p0", "t0", 100)], complete: true }, reports: [subscriptionReport("t0", "t0-sub-0", { p0: sequences(0, 100) }, 3)], producerConfig: { retries: 5, acks: 1 } }).clean).toBe(true);
  });
});

test.each([
  [{ "enable.idempotence": true, retries: 5 }, false],
  [{}, false], // Java's default: idempotent
  [{ retries: 3 }, false],
  [{ retries: 0 }, false],
  [{ acks: 1 }, true],
  [{ "enable.idempotence": false }, true],
  [{ "max.in.flight.requests.per.connection": 10 }, true],
])("duplicates allowed for %p: %p", (config, allowed) => {
  const policy = duplicatesPolicy(config);
  expect(policy.allowed).toBe(allowed);
  expect(policy.note.length).toBeGreaterThan(10);
});
