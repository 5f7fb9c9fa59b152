import { expect, test } from "bun:test";
import type { IncomingMessage } from "./driver";
import { deliverInChunks } from "./poll-records";

const messages = (n: number): IncomingMessage[] =>
  Array.from({ length: n }, (_, i) => ({ topic: "t", partition: 0, value: new Uint8Array([i]), headers: {} }));

test("a batch within max.poll.records goes over as it is, with its receive time", () => {
  const calls: [IncomingMessage[], number][] = [];
  const batch = messages(3);
  deliverInChunks(batch, 42, 3, (m, at) => calls.push([m, at]));
  expect(calls).toEqual([[batch, 42]]);
  expect(calls[0]![0]).toBe(batch);
});

test("a larger batch goes over in order in chunks of max.poll.records, each after the first stamped when handed over", () => {
  const calls: [number[], number][] = [];
  const before = Date.now() * 1000;
  deliverInChunks(messages(7), 42, 3, (m, at) => calls.push([m.map((x) => x.value[0]!), at]));
  expect(calls.map(([values]) => values)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
  expect(calls[0]![1]).toBe(42);
  for (const [, at] of calls.slice(1)) expect(at).toBeGreaterThanOrEqual(before - 1_000);
});
