// `omb validate` against file size: workload files with 10,000 to 80,000
// unknown keys (the 80,000-key file is about 790 KB), each checked by the
// built binary. Prints wall time, CPU time and time per 10,000 keys: a flat
// last column means linear (issue #11: the 80,000-key file under 2 s; before
// the fix it took 55 s, growing with the square of the size).
//
//   bun build.ts && bun bench/validate-size.ts
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fmt } from "./lib/bench-env";
import { loadAverage } from "./lib/proc-cpu";

const BINARY = join(import.meta.dir, "..", "dist", "omb");
const dir = mkdtempSync(join(tmpdir(), "omb-validate-size-"));
const header = [
  "name: big", "topics: 1", "partitionsPerTopic: 1", "messageSize: 1024", "subscriptionsPerTopic: 1",
  "consumerPerSubscription: 1", "producersPerTopic: 1", "producerRate: 1000", "testDurationMinutes: 1",
];
console.log(`# validate-size — ${new Date().toISOString()}; load average ${loadAverage()}`);
console.log("   keys      bytes   wall ms    cpu ms  cpu ms per 10k keys  exit");
try {
  for (const keys of [10_000, 20_000, 40_000, 80_000]) {
    const file = join(dir, `keys-${keys}.yaml`);
    const text = [...header, ...Array.from({ length: keys }, (_, i) => `k${i}: ${i % 10}`)].join("\n") + "\n";
    writeFileSync(file, text);
    const started = performance.now();
    const run = Bun.spawnSync([BINARY, "validate", file], { stdout: "ignore", stderr: "ignore" });
    const wall = performance.now() - started;
    const cpu = (Number(run.resourceUsage?.cpuTime.user ?? 0) + Number(run.resourceUsage?.cpuTime.system ?? 0)) / 1000;
    console.log(
      `${fmt(keys).padStart(7)}  ${fmt(text.length).padStart(9)}  ${fmt(wall).padStart(8)}  ${fmt(cpu).padStart(8)}  ${fmt((cpu / keys) * 10_000).padStart(19)}  ${String(run.exitCode).padStart(4)}`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
