import { expect, test } from "bun:test";
import { KEEPALIVE_MS, keepaliveInterval } from "./keepalive";

test("the keepalive calls three times within the shortest deadman the workers state, at most every 15 s", () => {
  expect(keepaliveInterval([60, 60])).toBe(KEEPALIVE_MS);
  expect(keepaliveInterval([60, 6])).toBe(2_000);
  expect(keepaliveInterval([0, undefined])).toBe(KEEPALIVE_MS);
  expect(keepaliveInterval([1])).toBe(500);
});
