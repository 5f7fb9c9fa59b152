// The deadman switch against an injected clock: fires once, only while armed.
import { expect, test } from "bun:test";
import { Deadman } from "./deadman";

function clocked(timeoutMs: number) {
  let now = 0;
  const fired: number[] = [];
  const deadman = new Deadman({ timeoutMs, onExpire: (silent) => fired.push(silent), now: () => now });
  return { deadman, fired, advance: (ms: number) => (now += ms) };
}

test("fires once after the silence exceeds the timeout while armed", () => {
  const { deadman, fired, advance } = clocked(60_000);
  deadman.arm();
  advance(59_000);
  expect(deadman.check()).toBe(false);
  deadman.touch();
  advance(60_000);
  expect(deadman.check()).toBe(false);
  advance(1);
  expect(deadman.check()).toBe(true);
  expect(fired).toEqual([60_001]);
  advance(120_000);
  expect(deadman.check()).toBe(false);
  deadman.close();
});

test("never fires when disarmed or disabled", () => {
  const idle = clocked(1_000);
  idle.advance(10_000);
  expect(idle.deadman.check()).toBe(false);
  idle.deadman.arm();
  idle.deadman.disarm();
  idle.advance(10_000);
  expect(idle.deadman.check()).toBe(false);
  const off = clocked(0);
  off.deadman.arm();
  off.advance(10_000_000);
  expect(off.deadman.check()).toBe(false);
  expect([...idle.fired, ...off.fired]).toEqual([]);
  idle.deadman.close();
});

test("once fired, the run stays refused with the reason until a new run begins", () => {
  const { deadman, advance } = clocked(5_000);
  expect(deadman.fired).toBeUndefined();
  deadman.arm();
  advance(5_400);
  expect(deadman.check()).toBe(true);
  expect(deadman.fired).toBe("the deadman switch stopped this run at 1970-01-01T00:00:05.400Z after 5 s without a coordinator call (limit 5 s)");
  // A coordinator that gets through again does not undo it.
  deadman.touch();
  expect(deadman.fired).toBeString();
  deadman.newRun();
  expect(deadman.fired).toBeUndefined();
  deadman.close();
});

test("a call being answered is not silence, however long it takes", () => {
  const { deadman, fired, advance } = clocked(1_000);
  deadman.arm();
  const done = deadman.begin();
  advance(5_000);
  expect(deadman.check()).toBe(false);
  done();
  advance(1_000);
  expect(deadman.check()).toBe(false);
  advance(1);
  expect(deadman.check()).toBe(true);
  expect(fired).toEqual([1_001]);
  deadman.close();
});
