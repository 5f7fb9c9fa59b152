import { expect, test } from "bun:test";
import { compact, formatBytes, formatChange, formatClock, formatFigure, formatMs, formatValue, ninesLabel, ninesX } from "./format";

test.each([
  [6492.622, "6.49 s"],
  [64.926, "64.9 ms"],
  [8.333, "8.33 ms"],
  [0.85, "850 µs"],
  [0.001, "≤ 1 µs"],
  [0, "0 µs"],
  [1_200_000, "20 min"],
])("formatMs(%p) = %p", (ms, text) => {
  expect(formatMs(ms)).toBe(text);
});

test("rates, counts and bytes as a person reads them", () => {
  expect(compact(1999.8)).toBe("2 k");
  expect(compact(136_022.7)).toBe("136 k");
  expect(formatValue(4_560_000, "msg/s")).toBe("4.56 M msg/s");
  expect(formatFigure(3998.67, "msg/s")).toBe("3,999 msg/s");
  expect(formatFigure(12.34, "msg/s")).toBe("12.3 msg/s");
  expect(formatValue(48181, "count")).toBe("48,181");
  expect(formatBytes(1536)).toBe("1.5 KiB");
  expect(formatValue(3 * 1024 ** 3, "bytes/s")).toBe("3 GiB/s");
  expect(formatValue(null, "ms")).toBe("–");
});

test("time axis in m:ss (h:mm:ss past the hour), negative before the measured phase", () => {
  expect(formatClock(90)).toBe("1:30");
  expect(formatClock(-2)).toBe("−0:02");
  expect(formatClock(3725)).toBe("1:02:05");
});

test("the nines axis: x = 1 / (1 − p), labelled by its percentile", () => {
  expect(ninesX(90)).toBeCloseTo(10, 9);
  expect(ninesLabel(1)).toBe("0 %");
  expect(ninesLabel(10)).toBe("90 %");
  expect(ninesLabel(1000)).toBe("99.9 %");
  expect(ninesLabel(1e5)).toBe("99.999 %");
});

test("changes against a base: percent, ratio from ten times, none without a base", () => {
  expect(formatChange(82, 100)).toBe("−18 %");
  expect(formatChange(104.2, 100)).toBe("+4.2 %");
  expect(formatChange(100, 100)).toBe("±0 %");
  expect(formatChange(0, 0)).toBe("±0 %");
  expect(formatChange(5, 0)).toBe("–");
  expect(formatChange(1234, 10)).toBe("×123");
});
