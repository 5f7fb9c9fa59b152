import { describe, expect, test } from "bun:test";
import { type AccumulatorOptions, RecordAccumulator } from "./accumulator";
import { DriverError } from "./driver";
import type { ProducerBatch } from "./producer-batch";

/** A fake client: records every request and lets the test answer it. */
function harness(overrides: Partial<AccumulatorOptions<number>> = {}, autoAck = true) {
  const requests: { batches: ProducerBatch<number>[]; ack(): void; fail(e: DriverError): void }[] = [];
  const accumulator = new RecordAccumulator<number>({
    partitions: 4,
    lingerMs: 10_000,
    batchSize: 1000,
    maxInFlight: 5,
    bufferMemory: 1 << 20,
    maxRequestSize: 1 << 20,
    deliveryTimeoutMs: 60_000,
    random: () => 0,
    sendRequest(batches) {
      const { promise, resolve, reject } = Promise.withResolvers<void>();
      requests.push({ batches, ack: resolve, fail: reject });
      if (autoAck) resolve();
      return promise;
    },
    ...overrides,
  });
  const records = (i: number) => requests[i]!.batches.map((b) => [b.partition, b.records]);
  return { accumulator, requests, records };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error("condition not met in time");
    await Bun.sleep(1);
  }
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

function settled(promise: Promise<unknown>): () => boolean {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  return () => done;
}

describe("RecordAccumulator", () => {
  test("a batch is sent once batch.size is reached, without waiting for linger", async () => {
    const { accumulator, requests, records } = harness();
    const acks = Array.from({ length: 11 }, (_, i) => accumulator.append(i, 100, 2));
    await tick();
    expect(requests.length).toBe(1);
    expect(records(0)).toEqual([[2, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]]);
    await Promise.all(acks.slice(0, 10));
    expect(settled(acks[10]!)()).toBe(false);
  });

  test("a batch that becomes the head behind a full one still gets its linger timer", async () => {
    const { accumulator, requests } = harness({ lingerMs: 30, maxInFlight: 1 }, false);
    // Batch 1 fills and goes out; batch 2 fills and waits for the only in-flight slot.
    const full = Array.from({ length: 20 }, (_, i) => accumulator.append(i, 100, 1));
    await tick();
    expect(requests.length).toBe(1);
    // Past the first linger timer (a timer of the same length set later fires
    // after it), a partial batch 3 queues behind the full batch 2.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const partial = accumulator.append(99, 100, 1);
    requests[0]!.ack();
    await until(() => requests.length === 2);
    requests[1]!.ack();
    await Promise.all(full);
    // Nothing else happens now: only batch 3's own linger can send it.
    await until(() => requests.length === 3, 10_000);
    expect(requests[2]!.batches.map((b) => b.records)).toEqual([[99]]);
    requests[2]!.ack();
    await partial;
  });

  test("linger.ms holds partial batches, then sends each whole", async () => {
    const { accumulator, requests, records } = harness({ lingerMs: 30 });
    const started = performance.now();
    const acks = [accumulator.append(1, 10, 0), accumulator.append(2, 10, 0), accumulator.append(3, 10, 1)];
    await tick();
    expect(requests.length).toBe(0);
    await Promise.all(acks);
    expect(performance.now() - started).toBeGreaterThanOrEqual(29);
    // Both batches are due within the same timer tick and go together, unless
    // the process stalled for over a millisecond between the two appends.
    const sent = requests.flatMap((_, i) => records(i)).sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(sent).toEqual([
      [0, [1, 2]],
      [1, [3]],
    ]);
    expect(requests.length).toBeLessThanOrEqual(2);
  });

  test("a short linger (1 ms) still arms its timer and sends the partial batch", async () => {
    const { accumulator, requests } = harness({ lingerMs: 1 });
    await accumulator.append(1, 10, 0);
    expect(requests.length).toBe(1);
  });

  test("linger 0 still joins records appended in the same tick", async () => {
    const { accumulator, requests } = harness({ lingerMs: 0 });
    await Promise.all([0, 1, 2].map((i) => accumulator.append(i, 10, 3)));
    expect(requests.length).toBe(1);
    expect(requests[0]!.batches[0]!.records).toEqual([0, 1, 2]);
  });

  test("at most max.in.flight requests; later records gather into the next request", async () => {
    const { accumulator, requests, records } = harness({ lingerMs: 0, maxInFlight: 2 }, false);
    const acks: Promise<void>[] = [];
    for (let i = 0; i < 5; i++) {
      acks.push(accumulator.append(i, 10, 0));
      await tick();
    }
    expect(requests.length).toBe(2);
    requests[0]!.ack();
    await until(() => requests.length === 3);
    expect(records(2)).toEqual([[0, [2, 3, 4]]]);
    requests[1]!.ack();
    requests[2]!.ack();
    await Promise.all(acks);
  });

  test("a request takes one batch per partition and stays under max.request.size", async () => {
    const { accumulator, requests, records } = harness({ maxRequestSize: 1000, batchSize: 500 });
    // Two full batches on partition 0, one on partition 1.
    for (let i = 0; i < 10; i++) void accumulator.append(i, 100, 0);
    for (let i = 10; i < 15; i++) void accumulator.append(i, 100, 1);
    await tick();
    await until(() => requests.length === 2);
    expect(records(0)).toEqual([
      [0, [0, 1, 2, 3, 4]],
      [1, [10, 11, 12, 13, 14]],
    ]);
    expect(records(1)).toEqual([[0, [5, 6, 7, 8, 9]]]);
  });

  test("null keys stick to one partition until its batch is complete (KIP-480)", async () => {
    // Sticky picks: initial, then one per new batch on the sticky partition.
    const picks = [0.0, 0.5, 0.0, 0.5];
    const { accumulator, requests, records } = harness({ batchSize: 300, random: () => picks.shift() ?? 0 });
    // No batch on partition 0 yet → moves to 1 + floor(0.5 * 3) = 2; the 4th
    // record does not fit partition 2's batch → moves to floor(0 * 3) = 0.
    for (let i = 0; i < 4; i++) void accumulator.append(i, 100, null);
    await tick();
    expect(requests.length).toBe(1);
    expect(records(0)).toEqual([[2, [0, 1, 2]]]);
    await accumulator.flush();
    expect(records(1)).toEqual([[0, [3]]]);
    // Partition 0's batch was sent: the next null-key record moves on.
    void accumulator.append(4, 100, null);
    await accumulator.flush();
    expect(records(2)).toEqual([[2, [4]]]);
  });

  test("a null-key record that does not fit sends the sticky batch at once and moves on", async () => {
    const picks = [0.0, 0.0, 0.5];
    const { accumulator, requests, records } = harness({ batchSize: 250, random: () => picks.shift() ?? 0 });
    // Sticky 0 → (no batch) 1 + floor(0 * 3) = 1; the third record does not fit → 1 + floor(0.5 * 3) = 2.
    for (let i = 0; i < 3; i++) void accumulator.append(i, 100, null);
    await tick();
    expect(requests.length).toBe(1);
    expect(records(0)).toEqual([[1, [0, 1]]]);
    await accumulator.flush();
    expect(records(1)).toEqual([[2, [2]]]);
  });

  test("buffer.memory makes sends wait (not fail) until acks free memory", async () => {
    const { accumulator, requests } = harness({ lingerMs: 0, bufferMemory: 300 }, false);
    const acks = Array.from({ length: 5 }, (_, i) => accumulator.append(i, 100, 0));
    await tick();
    expect(accumulator.pendingBytes).toBe(500);
    expect(requests.flatMap((r) => r.batches.flatMap((b) => b.records))).toEqual([0, 1, 2]);
    const waiting = settled(acks[4]!);
    requests[0]!.ack();
    await until(() => requests.length === 2);
    expect(requests[1]!.batches[0]!.records).toEqual([3, 4]);
    expect(waiting()).toBe(false);
    requests[1]!.ack();
    await Promise.all(acks);
    expect(accumulator.pendingBytes).toBe(0);
  });

  test("delivery.timeout.ms fails queued, waiting and in-flight records as timeout", async () => {
    const { accumulator } = harness({ lingerMs: 0, bufferMemory: 100, deliveryTimeoutMs: 50 }, false);
    const inFlight = accumulator.append(0, 100, 0);
    const waiting = accumulator.append(1, 100, 0);
    for (const ack of [inFlight, waiting]) {
      const error = await ack.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DriverError);
      expect((error as DriverError).type).toBe("timeout");
    }
  });

  test("flush sends lingering batches at once and resolves only after their acks", async () => {
    const { accumulator, requests } = harness({}, false);
    void accumulator.append(0, 10, 0);
    void accumulator.append(1, 10, 1);
    const flushed = settled(accumulator.flush());
    await until(() => requests.length === 1);
    expect(flushed()).toBe(false);
    requests[0]!.ack();
    await until(flushed);
  });

  test("a failed request rejects its records with the client's DriverError", async () => {
    const { accumulator, requests } = harness({ lingerMs: 0 }, false);
    const ack = accumulator.append(0, 10, 0);
    await until(() => requests.length === 1);
    requests[0]!.fail(new DriverError("NOT_LEADER_OR_FOLLOWER", "moved"));
    await expect(ack).rejects.toMatchObject({ type: "NOT_LEADER_OR_FOLLOWER" });
  });

  test("oversized records and records after close are rejected, never thrown", async () => {
    const { accumulator } = harness({ maxRequestSize: 500 });
    await expect(accumulator.append(0, 501, 0)).rejects.toMatchObject({ type: "MESSAGE_TOO_LARGE" });
    await accumulator.close();
    await expect(accumulator.append(1, 10, 0)).rejects.toBeInstanceOf(DriverError);
  });
});
