// Reads bun test's JUnit report and prints the one closing line CI reads:
// "N passed, N failed, N skipped". Exits 1 when anything failed or nothing ran.
// Usage: node scripts/junit-summary.mjs REPORT.xml [EXIT_STATUS_OF_THE_TEST_COMMAND]
import { readFileSync } from "node:fs";

const [file, runStatus = "0"] = process.argv.slice(2);
let xml = "";
try {
  xml = readFileSync(file, "utf8");
} catch {
  console.error(`no JUnit report at ${file}: the test run did not get as far as writing it`);
  console.log("0 passed, 1 failed");
  process.exit(1);
}
let passed = 0;
let failed = 0;
let skipped = 0;
for (const m of xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
  const body = m[2] ?? "";
  if (/<(failure|error)\b/.test(body)) failed++;
  else if (/<skipped\b/.test(body)) skipped++;
  else passed++;
}
// bun test also fails on errors outside any test (an unhandled rejection, a
// crashed preload); the report has no test case for those, so count one.
if (runStatus !== "0" && failed === 0) {
  console.error(`the test command exited with status ${runStatus} although no test case failed: counting it as one failure`);
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
