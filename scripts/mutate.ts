// `npm run mutate`: do the tests catch the bugs they are there for? Each
// mutation below puts one deliberate bug into a scratch copy of the repository
// (never the working tree), runs the test files meant to catch it, and reports
// which tests failed. A mutation no test catches is a test to fix. Not run by
// CI: it takes minutes and the integration tests use the local broker.
//
//   bun scripts/mutate.ts                 every mutation
//   bun scripts/mutate.ts reconcile       only those whose name contains "reconcile"
//   bun scripts/mutate.ts --at main       against a commit's tests instead of the working tree's
//   bun scripts/mutate.ts --list          names only
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

interface Mutation {
  name: string;
  file: string;
  /** Must occur exactly once in `file`; replaced by `replace`. */
  find: string;
  replace: string;
  /** Test files run against the mutant (and, first, against the unchanged copy). */
  tests: string[];
  /** bun test -t: only the tests whose name matches. */
  only?: string;
}

const MUTATIONS: Mutation[] = [
  {
    name: "key pool no longer seeded",
    file: "src/message/key-distributor.ts",
    find: "const random = xorshift32(KEY_POOL_SEED);",
    replace: "const random = xorshift32(randomSeed());",
    tests: ["src/message/message.test.ts"],
  },
  {
    name: "offset committer: a failed commit is not queued again",
    file: "src/drivers/offset-committer.ts",
    find: "if (!this.pending.has(key)) this.pending.set(key, o);",
    replace: "void key;",
    tests: ["src/drivers/offset-committer.test.ts"],
  },
  {
    name: "system monitor: the interval callback does nothing",
    file: "src/stats/system-monitor.ts",
    find: "this.timer = setInterval(() => this.sample(), this.intervalMs);",
    replace: "this.timer = setInterval(() => {}, this.intervalMs);",
    tests: ["src/stats/system-monitor.test.ts"],
  },
  {
    name: "system monitor: unreadable CPU figures give 100 %, not 0",
    file: "src/stats/system-monitor.ts",
    find: "cpuPercent: cpuTotal > 0 ? Math.min(100, Math.max(0, (cpuBusy / cpuTotal) * 100)) : 0,",
    replace: "cpuPercent: cpuTotal > 0 ? Math.min(100, Math.max(0, (cpuBusy / cpuTotal) * 100)) : 100,",
    tests: ["src/stats/system-monitor.test.ts"],
  },
  {
    name: "system monitor: stop leaves the timer running",
    file: "src/stats/system-monitor.ts",
    find: "    clearInterval(this.timer);\n    this.timer = undefined;",
    replace: "    this.timer = undefined;",
    tests: ["src/stats/system-monitor.test.ts"],
  },
  {
    name: "`omb version` broken in the source",
    file: "src/cli/version.ts",
    find: "console.log(`omb ${buildInfo.version} (commit",
    replace: "console.log(`omb ${buildInfo.version}-broken (commit",
    tests: ["test/binary.integration.test.ts"],
    only: "version",
  },
  {
    name: "validate: the topics field is reported without its name",
    file: "src/config/fields.ts",
    find: "const label = key + inner",
    replace: "const label = key === \"topics\" ? \"\" : key + inner",
    tests: ["src/config/malformed-corpus.test.ts"],
  },
  {
    name: "reconcile: lost is always 0",
    file: "src/coordinator/reconcile.ts",
    find: "const lost = received.countMissing(producer.sent, failed);",
    replace: "const lost = 0 * received.countMissing(producer.sent, failed);",
    tests: ["src/coordinator/reconcile.test.ts", "src/coordinator/reconcile.integration.test.ts"],
  },
  {
    name: "reconcile: duplicated is always 0",
    file: "src/coordinator/reconcile.ts",
    find: "duplicated: report?.duplicates ?? 0,",
    replace: "duplicated: 0,",
    tests: ["src/coordinator/reconcile.test.ts", "src/coordinator/reconcile.integration.test.ts"],
  },
  {
    name: "reconcile: a loss leaves the run clean",
    file: "src/coordinator/reconcile.ts",
    find: "clean: lost === 0 && (duplicated === 0 || policy.allowed),",
    replace: "clean: duplicated === 0 || policy.allowed,",
    tests: ["src/coordinator/reconcile.test.ts", "src/coordinator/reconcile.integration.test.ts"],
  },
  {
    name: "subscription tracker: a sequence seen again is not counted",
    file: "src/worker/child/subscription-tracker.ts",
    find: "if (!sequences.add(fields.sequence)) this.duplicates++;",
    replace: "sequences.add(fields.sequence);",
    tests: ["src/worker/child/child-parts.test.ts", "src/coordinator/reconcile.integration.test.ts"],
  },
  {
    name: "kafkajs consumer: pause does nothing",
    file: "src/drivers/kafkajs/consumer.ts",
    find: "    this.paused = true;\n    this.consumer.pause(this.topics);",
    replace: "",
    tests: ["src/drivers/kafkajs/kafkajs.integration.test.ts"],
    only: "pause",
  },
  {
    name: "accumulator: linger ignored (every append sent at once)",
    file: "src/drivers/accumulator.ts",
    find: "constructor(private readonly options: AccumulatorOptions<R>) {",
    replace: "constructor(private readonly options: AccumulatorOptions<R>) {\n    options.lingerMs = 0;",
    tests: ["src/drivers/accumulator.test.ts", "src/drivers/kafkajs/kafkajs.integration.test.ts"],
    only: "linger|flush",
  },
  {
    name: "histograms: a merge keeps only the first part",
    file: "src/stats/histogram.ts",
    find: "for (const one of encoded) merged.add(decodeHistogram(one));",
    replace: "for (const one of encoded.slice(0, 1)) merged.add(decodeHistogram(one));",
    tests: ["src/stats/histogram.test.ts", "src/stats/stats-recorder.test.ts"],
  },
  {
    name: "limiter 10 % fast",
    file: "src/pacer/limiter.ts",
    find: "return rate === 0 ? Number.POSITIVE_INFINITY : 1e9 / rate;",
    replace: "return rate === 0 ? Number.POSITIVE_INFINITY : 0.9e9 / rate;",
    tests: ["src/pacer/limiter.test.ts"],
  },
];

const ROOT = join(import.meta.dir, "..");
const RUN_TIMEOUT_MS = 15 * 60_000;

interface TestRun {
  code: number | null;
  failed: string[];
  passed: number;
  output: string;
}

/**
 * A copy of the working tree (tracked and untracked files, not ignored ones),
 * or of commit `at`, as a clean git repository of its own.
 */
function scratchCopy(at: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), "omb-mutate-"));
  if (at) {
    const archive = Bun.spawnSync(["sh", "-c", `git archive --format=tar "$1" | tar -x -C "$2"`, "sh", at, dir], { cwd: ROOT, stderr: "pipe" });
    if (archive.exitCode !== 0) throw new Error(`git archive ${at} failed: ${archive.stderr.toString()}`);
  } else copyWorkingTree(dir);
  // Read-only use: the mutants never touch dependencies.
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  // As in a developer's tree, a binary built earlier lies there: tests must not take it for the mutant.
  if (existsSync(join(ROOT, "dist/omb"))) {
    mkdirSync(join(dir, "dist"));
    cpSync(join(ROOT, "dist/omb"), join(dir, "dist/omb"));
  }
  const git = (...args: string[]) => Bun.spawnSync(["git", "-c", "user.name=omb-mutate", "-c", "user.email=mutate@localhost", ...args], { cwd: dir, stdout: "pipe", stderr: "pipe" });
  git("init", "-q");
  git("add", "-A");
  git("commit", "-q", "-m", "scratch copy for npm run mutate");
  return dir;
}

function copyWorkingTree(dir: string): void {
  const listed = Bun.spawnSync(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, stdout: "pipe" });
  if (listed.exitCode !== 0) throw new Error("git ls-files failed: run this inside the omb repository");
  for (const file of listed.stdout.toString().split("\0").filter(Boolean)) {
    const target = join(dir, file);
    mkdirSync(dirname(target), { recursive: true });
    try {
      cpSync(join(ROOT, file), target);
    } catch {
      // Deleted in the working tree but still in the index: the copy goes without it.
    }
  }
}

async function runTests(dir: string, tests: string[], only?: string): Promise<TestRun> {
  const args = ["node_modules/.bin/bun", "test", ...tests, ...(only ? ["-t", only] : [])];
  const proc = Bun.spawn(args, { cwd: dir, stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
  const timer = setTimeout(() => proc.kill("SIGKILL"), RUN_TIMEOUT_MS);
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  clearTimeout(timer);
  const output = out + err;
  const lines = output.split("\n");
  return {
    code,
    // bun repeats the failures in a summary at the end: each counted once.
    failed: [...new Set(lines.filter((l) => l.startsWith("(fail) ")).map((l) => l.slice(7).replace(/ \[[\d.]+m?s\]$/, "")))],
    passed: lines.filter((l) => l.startsWith("(pass) ")).length,
    output,
  };
}

function apply(dir: string, m: Mutation): (() => void) | string {
  const path = join(dir, m.file);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return `${m.file} not found`;
  }
  const count = text.split(m.find).length - 1;
  if (count !== 1) return `the text to change occurs ${count} times in ${m.file} (update this mutation)`;
  writeFileSync(path, text.replace(m.find, () => m.replace));
  return () => writeFileSync(path, text);
}

const NAMES_SHOWN = 3;

function namesOf(tests: string[]): string {
  const more = tests.length - NAMES_SHOWN;
  return tests.slice(0, NAMES_SHOWN).join("; ") + (more > 0 ? `; and ${more} more` : "");
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const atIndex = args.indexOf("--at");
  const at = atIndex >= 0 ? args.splice(atIndex, 2)[1] : undefined;
  const filters = args.filter((a) => !a.startsWith("--"));
  if (process.argv.includes("--list")) {
    for (const m of MUTATIONS) console.log(m.name);
    return;
  }
  const chosen = MUTATIONS.filter((m) => filters.length === 0 || filters.some((f) => m.name.includes(f)));
  const dir = scratchCopy(at);
  console.log(`scratch copy of ${at ?? "the working tree"}: ${dir}`);
  const rows: string[] = [];
  const baselines = new Map<string, TestRun>();
  let survivors = 0;
  try {
    for (const m of chosen) {
      // An older commit may lack some of the test files.
      const tests = m.tests.filter((t) => existsSync(join(dir, t)));
      const key = `${tests.join(" ")} -t ${m.only ?? ""}`;
      let baseline = baselines.get(key);
      if (!baseline && tests.length) {
        baseline = await runTests(dir, tests, m.only);
        baselines.set(key, baseline);
      }
      let verdict: string;
      let caughtBy = "";
      if (!baseline) {
        verdict = "NO TESTS";
        caughtBy = `none of ${m.tests.join(", ")} exists here`;
      } else if (baseline.code !== 0) {
        verdict = "BASELINE FAILS";
        caughtBy = namesOf(baseline.failed) || `exit ${baseline.code}`;
      } else {
        const revert = apply(dir, m);
        if (typeof revert === "string") {
          verdict = "NOT APPLIED";
          caughtBy = revert;
        } else {
          const started = performance.now();
          const run = await runTests(dir, tests, m.only).finally(revert);
          const seconds = ((performance.now() - started) / 1000).toFixed(0);
          if (run.code === 0) {
            verdict = `SURVIVED (${run.passed} passed, ${seconds} s)`;
            survivors++;
          } else {
            verdict = `caught (${run.failed.length} of ${run.failed.length + run.passed} failed, ${seconds} s)`;
            caughtBy = namesOf(run.failed) || `the run failed (exit ${run.code}) before naming a test`;
          }
        }
      }
      const row = `| ${m.name} | ${tests.join(", ")}${m.only ? ` (-t ${m.only})` : ""} | ${verdict} | ${caughtBy} |`;
      console.log(row);
      rows.push(row);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log("\n| mutation | tests run | verdict | failing tests |\n| --- | --- | --- | --- |");
  for (const row of rows) console.log(row);
  console.log(`\n${chosen.length} mutations, ${survivors} survived`);
  process.exitCode = survivors > 0 ? 1 : 0;
}

await main();
