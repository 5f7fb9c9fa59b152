// ARCHITECTURE.md's layers hold in the tree, and the checker catches what it is for.
import { expect, test } from "bun:test";
import { join } from "node:path";
import { checkFile, checkTree, importsOf } from "../scripts/lint-layers";

test("no import in src/ runs against the layers", () => {
  const violations = checkTree(join(import.meta.dir, "..", "src"));
  expect(violations.map((v) => `${v.file}:${v.line} ${v.reason}`)).toEqual([]);
});

test("an import from a lower folder into a higher one is caught, with file, line and both layers", () => {
  const text = `// x\nimport { a } from "./limiter";\nimport type { LoadAssignment } from "../worker/api/types";\n`;
  expect(checkFile("pacer/limiter.ts", text)).toEqual([
    {
      file: "src/pacer/limiter.ts",
      line: 3,
      specifier: "../worker/api/types",
      reason: "pacer (layer 5) imports worker (layer 6): a folder imports only the folders below it",
    },
  ]);
  expect(checkFile("coordinator/session.ts", `import { x } from "../report/csv";`)).toEqual([]);
});

test("worker's roles, the client library and unknown folders", () => {
  expect(checkFile("worker/pool/child-pool.ts", `import { start } from "../server/start";`)[0]?.reason).toContain("worker/pool imports worker/server");
  expect(checkFile("worker/server/start.ts", `import { LocalWorker } from "../pool/local-worker";`)).toEqual([]);
  expect(checkFile("coordinator/topics.ts", `import { Kafka } from "kafkajs";`)[0]?.reason).toBe("only src/drivers/kafkajs/ may import kafkajs");
  expect(checkFile("drivers/kafkajs/admin.ts", `import { Kafka } from "kafkajs";`)).toEqual([]);
  expect(checkFile("util/x.ts", "")[0]?.reason).toContain("not in the layer list");
});

test("every import form is seen: from, side effect, dynamic, re-export", () => {
  const text = `import a from "./a";\nimport "./b";\nconst c = await import("./c");\nexport { d } from "./d";\nexport * from "./e";\n`;
  expect(importsOf(text).map((i) => i.specifier)).toEqual(["./a", "./b", "./c", "./d", "./e"]);
});
