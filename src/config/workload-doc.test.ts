import { expect, test } from "bun:test";
import { renderWorkloadDoc, WORKLOAD_DOC_PATH, WORKLOAD_FIELD_DOCS } from "./workload-doc";
import { WORKLOAD_FIELDS } from "./workload-file";

test("every workload field has a row in docs/workload.md, and no row is for a field that is gone", () => {
  expect(Object.keys(WORKLOAD_FIELD_DOCS).sort()).toEqual(Object.keys(WORKLOAD_FIELDS).sort());
});

test("docs/workload.md is generated from the workload schema (run `bun src/config/workload-doc.ts`)", async () => {
  expect(await Bun.file(WORKLOAD_DOC_PATH).text()).toBe(renderWorkloadDoc());
});
