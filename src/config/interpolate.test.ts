import { expect, test } from "bun:test";
import { interpolate } from "./interpolate";

const env = { HOST: "kafka:9092", EMPTY: "" };

test("${VAR} and ${VAR:-default}", () => {
  expect(interpolate("${HOST}", env)).toEqual({ value: "kafka:9092" });
  expect(interpolate("x=${HOST},y", env)).toEqual({ value: "x=kafka:9092,y" });
  expect(interpolate("${NOPE:-127.0.0.1:9092}", env)).toEqual({ value: "127.0.0.1:9092" });
  expect(interpolate("${HOST:-other:1}", env)).toEqual({ value: "kafka:9092" });
  expect(interpolate("${NOPE:-}", env)).toEqual({ value: "" });
});

test("an empty variable takes the default (as in the shell), but is kept without one", () => {
  expect(interpolate("${EMPTY:-d}", env)).toEqual({ value: "d" });
  expect(interpolate("${EMPTY}", env)).toEqual({ value: "" });
});

test("$${ is a literal ${", () => {
  expect(interpolate("pa$${ss}", env)).toEqual({ value: "pa${ss}" });
});

test("an unset variable without default is an error naming it", () => {
  expect(interpolate("${NOPE}", env)).toEqual({ problem: expect.stringContaining("NOPE, which is not set") });
});

test("malformed references", () => {
  expect(interpolate("${1X}", env)).toEqual({ problem: expect.stringContaining("malformed") });
  expect(interpolate("${HOST", env)).toEqual({ problem: expect.stringContaining("closing") });
  expect(interpolate("${A:-${B}}", env)).toEqual({ problem: expect.stringContaining("nested") });
});

test("text without references is unchanged", () => {
  expect(interpolate("a $b {c} $", env)).toEqual({ value: "a $b {c} $" });
});
