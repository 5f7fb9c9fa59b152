// The token rule: any printable ASCII token works end to end; others are refused where given.
import { expect, test } from "bun:test";
import { authorizes, tokenProblem } from "./token";

const main = `${import.meta.dir}/../../cli/main.ts`;

test("printable ASCII tokens pass, with spaces inside; others are refused with the rule", () => {
  for (const ok of ["p@ss!word", `a b"c'd\\e{}~`, "x".repeat(4096)]) expect(tokenProblem(ok)).toBeUndefined();
  for (const bad of ["", " lead", "trail ", "é", "tab\there", "new\nline", "x".repeat(4097)]) {
    expect(tokenProblem(bad)).toMatch(/^the token must be 1 to 4096 printable ASCII characters/);
  }
});

test("only the exact header authorizes", () => {
  expect(authorizes("Bearer p@ss!word", "p@ss!word")).toBe(true);
  expect(authorizes("Bearer p@ss!wore", "p@ss!word")).toBe(false);
  expect(authorizes("Bearer p@ss!word ", "p@ss!word")).toBe(false);
  expect(authorizes(undefined, "p@ss!word")).toBe(false);
});

test("omb worker and omb coordinate refuse a token outside the rule at start (exit 2), naming where it came from", () => {
  const worker = Bun.spawnSync([process.execPath, main, "worker", "--port", "0", "--token", "pässword"], { stderr: "pipe", stdout: "pipe" });
  expect(worker.exitCode).toBe(2);
  expect(worker.stderr.toString()).toContain("--token: the token must be 1 to 4096 printable ASCII characters");
  const coordinate = Bun.spawnSync([process.execPath, main, "coordinate", "--workers", "http://127.0.0.1:1", "1-partition-1kb"], {
    stderr: "pipe",
    stdout: "pipe",
    env: { ...process.env, OMB_TOKEN: "new\nline" },
  });
  expect(coordinate.exitCode).toBe(2);
  expect(coordinate.stderr.toString() + coordinate.stdout.toString()).toContain("OMB_TOKEN: the token must be");
});
