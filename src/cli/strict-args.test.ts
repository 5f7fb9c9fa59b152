import { expect, test } from "bun:test";
import type { ArgsDef } from "citty";
import { unknownFlags } from "./strict-args";

const args: ArgsDef = {
  files: { type: "positional", description: "" },
  port: { type: "string", description: "" },
  "workers-file": { type: "string", alias: ["wf"], description: "" },
  drivers: { type: "string", alias: "d", description: "" },
  json: { type: "boolean", description: "" },
};

test("known flags, their aliases, values and positionals pass; -- ends the flags", () => {
  expect(unknownFlags(["--port", "8080", "-d", "k", "-wf", "w.yaml", "--json", "--no-json", "--port=1", "x.yaml", "-", "--", "--anything"], args)).toEqual([]);
  // A value that looks like a flag belongs to the flag before it.
  expect(unknownFlags(["--port", "--nonsense"], args)).toEqual([]);
  expect(unknownFlags(["--help"], args)).toEqual([]);
});

test("an unknown flag is named, with the nearest known one", () => {
  expect(unknownFlags(["--prot", "1"], args)).toEqual(["unknown flag --prot (did you mean --port?)"]);
  expect(unknownFlags(["--workers-fil=x"], args)).toEqual(["unknown flag --workers-fil (did you mean --workers-file?)"]);
  expect(unknownFlags(["--html", "x.html", "r.json"], args)).toEqual(["unknown flag --html"]);
  expect(unknownFlags(["-q", "--zzzzzz"], args)).toHaveLength(2);
});
