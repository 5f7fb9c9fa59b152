import { expect, test } from "bun:test";
import { sampleResult } from "../../test/support/fixtures";
import type { JavaTestResult } from "../result/types";
import { javaCsvFileName, javaNumber, javaResultsCsv } from "./java-csv";

const result = (over: Partial<JavaTestResult>): JavaTestResult => ({ ...sampleResult(), ...over });

test("Java's header (trailing comma), rows sorted by message size, topics, partitions", () => {
  const csv = javaResultsCsv([
    result({ messageSize: 1024, topics: 2, partitions: 4, publishRate: [100, 100], consumeRate: [100, 100] }),
    result({ messageSize: 100, topics: 1, partitions: 16, publishRate: [50], consumeRate: [] }),
  ]);
  const lines = csv.trimEnd().split("\n");
  expect(lines[0]).toBe(
    "topics,partitions,message-size,producers-per-topic,consumers-per-topic,prod-rate-min,prod-rate-avg,prod-rate-std-dev,prod-rate-max,con-rate-min,con-rate-avg,con-rate-std-dev,con-rate-max,",
  );
  expect(lines[1]!.split(",").slice(0, 3)).toEqual(["1", "16", "100"]);
  // 50 lands in the bucket 50..51 (mean: its middle, max: its top), as in Java; no consume
  // periods: Java prints Long.MAX_VALUE as the minimum, and zeros.
  expect(lines[1]!.split(",").slice(5)).toEqual(["50", "51", "0", "51", "9223372036854775807", "0", "0", "0"]);
  expect(lines[2]!.split(",").slice(0, 3)).toEqual(["2", "4", "1024"]);
  expect(lines[2]!.split(",").slice(5, 9)).toEqual(["100", "102", "0", "103"]);
});

test("rates go through a one-significant-digit histogram, as in Java: 4,321 msg/s lands in the 4,000s bucket", () => {
  const [, row] = javaResultsCsv([result({ publishRate: [4321.7, 4321.7], consumeRate: [4000, 4000] })]).trimEnd().split("\n");
  const [min, avg, std, max] = row!.split(",").slice(5, 9).map(Number);
  // Buckets of 256 at this magnitude: 4096..4351 holds 4321.
  expect(min).toBe(4096);
  expect(max).toBe(4351);
  expect(avg).toBe(4224);
  expect(std).toBe(0);
});

test("DecimalFormat's rounding: half-even, no trailing zeros", () => {
  expect(javaNumber(2.5, 0)).toBe("2");
  expect(javaNumber(3.5, 0)).toBe("4");
  expect(javaNumber(1.005, 2)).toBe("1");
  expect(javaNumber(12.3456, 2)).toBe("12.35");
  expect(javaNumber(7, 2)).toBe("7");
  expect(javaCsvFileName(new Date(1_700_000_000_500))).toBe("results-1700000000.csv");
});
