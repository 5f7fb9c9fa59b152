import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkWorkerUrl, checkWorkersFile, loadWorkersFile } from "./workers-file";
import { ConfigError } from "./errors";
import { fields, source, tempDir } from "../../test/support/config-files";

describe("worker URLs", () => {
  test("http and https with host and port; a trailing slash is dropped", () => {
    expect(checkWorkerUrl("http://10.0.0.1:8080")).toEqual({ url: "http://10.0.0.1:8080" });
    expect(checkWorkerUrl("https://w-1.lab:443/")).toEqual({ url: "https://w-1.lab:443" });
    expect(checkWorkerUrl("http://[::1]:8080")).toEqual({ url: "http://[::1]:8080" });
  });

  for (const bad of ["tcp://h:1", "http://h", "h:8080", "http://:8080", "http://h:0", "http://h:65536", "http://h:80/path", "http://u:p@h:80", ""]) {
    test(`refuses ${JSON.stringify(bad)}`, () => expect(checkWorkerUrl(bad)).toHaveProperty("problem"));
  }
});

describe("workers files (Java OMB's --workers-file)", () => {
  test("loads a list of workers", () => {
    const dir = tempDir();
    const path = join(dir, "workers.yaml");
    writeFileSync(path, "workers:\n  - http://a:8080\n  - http://b:8080/\n");
    expect(loadWorkersFile(path)).toEqual({ workers: ["http://a:8080", "http://b:8080"], source: path });
  });

  test("a missing file is a ConfigError, not an embedded lookup", () => {
    expect(() => loadWorkersFile("/nonexistent/workers.yaml")).toThrow(ConfigError);
  });

  const cases: [string, string, string][] = [
    ["empty list", "workers: []\n", "workers"],
    ["not a list", "workers: http://a:1\n", "workers"],
    ["a number in the list", "workers:\n  - 8080\n", "workers[0]"],
    ["bad scheme", "workers:\n  - tcp://a:1\n", "workers[0]"],
    ["no port", "workers:\n  - http://a:1\n  - http://b\n", "workers[1]"],
    ["listed twice", "workers:\n  - http://a:1\n  - http://a:1/\n", "workers[1]"],
    ["missing", "hosts: []\n", "hosts"],
  ];
  for (const [title, text, field] of cases) {
    test(title, () => {
      const r = checkWorkersFile(source(text));
      expect(r.loaded).toBeUndefined();
      expect(fields(r.problems)).toContain(field);
    });
  }

  test("the item at fault is pointed at", () => {
    const [p] = checkWorkersFile(source("workers:\n  - http://a:1\n  - ftp://b:2\n")).problems;
    expect(p).toMatchObject({ line: 3, col: 5, field: "workers[1]" });
  });
});
