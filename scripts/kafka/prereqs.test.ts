import { expect, test } from "bun:test";
import { javaMajor } from "./prereqs";

test("javaMajor reads both version schemes of `java -version`", () => {
  expect(javaMajor('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toBe(17);
  expect(javaMajor('openjdk version "21" 2023-09-19')).toBe(21);
  expect(javaMajor('java version "1.8.0_392"')).toBe(8);
  expect(javaMajor("Picked up JAVA_TOOL_OPTIONS: -Xss1m\nopenjdk version \"11.0.2\"")).toBe(11);
  expect(javaMajor("no version here")).toBeUndefined();
});
