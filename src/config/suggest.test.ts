import { expect, test } from "bun:test";
import { closest, didYouMean } from "./suggest";

test("close names by edit distance, ignoring case and separators", () => {
  expect(closest("partitionPerTopic", ["partitionsPerTopic", "topics"])).toEqual(["partitionsPerTopic"]);
  expect(closest("LINGER_MS", ["linger.ms", "acks"])).toEqual(["linger.ms"]);
  expect(closest("quick", ["quick-test", "latency"])).toEqual(["quick-test"]);
  expect(closest("zzz", ["acks", "linger.ms"])).toEqual([]);
});

test("didYouMean is empty when nothing is close", () => {
  expect(didYouMean("acsk", ["acks"])).toBe("; did you mean acks?");
  expect(didYouMean("totally-different", ["acks"])).toBe("");
});
