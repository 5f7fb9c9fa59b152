// IPC between the worker parent and its children, against a fake child that
// speaks the real protocol: ids, validation, timeouts, crashes, retirement.
import { afterAll, afterEach, beforeAll, expect, test } from "bun:test";
import { consola } from "consola";
import { ChildPool } from "./child-pool";

const fakeChild = [process.execPath, `${import.meta.dir}/../../../test/support/fake-child.ts`];
let pool: ChildPool | undefined;

afterEach(async () => {
  await pool?.retireAll();
});

// The crashes below are on purpose: their error lines are checked here, not printed
// (a passing test run that prints "[error] … exited with code 7" reads as a failure).
const errors: string[] = [];
const consoleError = consola.error;
beforeAll(() => {
  consola.error = ((...args: unknown[]) => void errors.push(args.join(" "))) as typeof consola.error;
});
afterAll(() => {
  consola.error = consoleError;
});

async function startPool(processes: number): Promise<ChildPool> {
  pool = new ChildPool({ workerId: "test", processes, command: () => fakeChild });
  await pool.start();
  return pool;
}

test("requests fan out to every child and answers come back by id", async () => {
  const p = await startPool(2);
  const lists = await p.fanOut("listTopics", (c) => ({ prefix: `c${c.index}` }), 5_000);
  expect(lists.sort()).toEqual([
    ["c0-a", "c0-b"],
    ["c1-a", "c1-b"],
  ]);
  expect(await p.any("deleteTopics", { names: ["t"] }, 5_000)).toEqual([{ name: "t", error: "fake" }]);
});

test("producers are dealt round-robin over the children when nothing else is placed", async () => {
  const p = await startPool(2);
  expect(["p0", "p1", "p2"].map((id) => p.place("producer", id, 1 / 3).index)).toEqual([0, 1, 0]);
});

test("1 consumer + 1 producer on a 2-child worker: one child each, in either order", async () => {
  const p = await startPool(2);
  expect(p.place("consumer", "c0", 1).index).toBe(0);
  expect(p.place("producer", "p0", 1).index).toBe(1);
  expect(p.status().map((s) => [s.producers, s.consumers])).toEqual([
    [0, 1],
    [1, 0],
  ]);
  await p.retireAll();
  await p.start();
  expect(p.place("producer", "p0", 1).index).toBe(0);
  expect(p.place("consumer", "c0", 1).index).toBe(1);
});

test("by load: a lone consumer keeps its child while four producers share the other", async () => {
  const p = await startPool(2);
  p.place("consumer", "c0", 1);
  const producers = ["p0", "p1", "p2", "p3"].map((id) => p.place("producer", id, 1 / 4).index);
  expect(producers).toEqual([1, 1, 1, 1]);
  // Two consumers and two producers: one of each per child.
  await p.retireAll();
  await p.start();
  expect(["c0", "c1"].map((id) => p.place("consumer", id, 1 / 2).index)).toEqual([0, 1]);
  expect(["p0", "p1"].map((id) => p.place("producer", id, 1 / 2).index)).toEqual([0, 1]);
});

test("a request that gets no answer times out naming the child and the op", async () => {
  const p = await startPool(1);
  const started = performance.now();
  await expect(p.any("pauseConsumers", {}, 300)).rejects.toThrow(/child 0 \(pid \d+\): pauseConsumers timed out after 0.3 s/);
  expect(performance.now() - started).toBeLessThan(2_000);
});

test("a malformed answer is rejected, not passed on", async () => {
  const p = await startPool(1);
  await expect(p.any("counters", {}, 5_000)).rejects.toThrow(/counters returned result.messagesSent/);
});

test("a child that dies is reported with the ids it held; the others keep serving", async () => {
  const p = await startPool(2);
  p.place("producer", "p0");
  p.place("producer", "p1");
  p.place("consumer", "c0");
  const victim = p.live()[0]!;
  // probeProducers makes the fake child exit with code 7 while answering.
  await expect(victim.request("probeProducers", {}, 5_000)).rejects.toThrow(/exit code 7/);
  expect(p.crashed).toEqual([{ child: 0, exitCode: 7, signal: null, producers: ["p0"], consumers: ["c0"] }]);
  expect(errors).toContainEqual(expect.stringMatching(/^worker test: child 0 \(pid \d+\) exited with code 7; lost producers \[p0\], consumers \[c0\]$/));
  expect(p.live().map((c) => c.index)).toEqual([1]);
  expect(await p.fanOut("consumersReady", () => ({}), 5_000)).toEqual([{ pending: [] }]);
});

test("a SIGKILLed child is reported with its signal", async () => {
  const p = await startPool(1);
  p.place("consumer", "c0");
  process.kill(p.live()[0]!.pid, "SIGKILL");
  const deadline = Date.now() + 5_000;
  while (p.crashed.length === 0 && Date.now() < deadline) await Bun.sleep(20);
  expect(p.crashed).toEqual([{ child: 0, exitCode: null, signal: "SIGKILL", producers: [], consumers: ["c0"] }]);
  await expect(p.any("listTopics", { prefix: "x" }, 1_000)).rejects.toThrow(/no live child/);
});

test("a child that does not answer stop in time is killed and recorded with the reason", async () => {
  const p = await startPool(1);
  p.place("producer", "p0");
  const pid = p.live()[0]!.pid;
  // pauseConsumers never answers on the fake child.
  expect(await p.fanOutOrAbandon("pauseConsumers", {}, 300)).toEqual([]);
  expect(p.crashed).toEqual([
    {
      child: 0,
      exitCode: null,
      signal: null,
      producers: ["p0"],
      consumers: [],
      reason: expect.stringMatching(/pauseConsumers timed out after 0.3 s; killed by the worker$/),
    },
  ]);
  expect(() => process.kill(pid, 0)).toThrow();
});

test("retired children exit on disconnect and are not counted as crashes", async () => {
  const p = await startPool(2);
  const pids = p.status().map((s) => s.pid);
  await p.retireAll();
  expect(p.crashed).toEqual([]);
  for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
});

test("prototype keys are refused both ways over IPC: in a request's args and in a child's answer", async () => {
  const p = await startPool(1);
  const args = JSON.parse(`{"prefix": "x", "__proto__": {"polluted": true}}`) as { prefix: string };
  await expect(p.any("listTopics", args, 5_000)).rejects.toThrow(/listTopics\.args\.__proto__: prototype keys are refused/);
  await expect(p.any("resumeConsumers", {}, 5_000)).rejects.toThrow(/resumeConsumers returned result\.__proto__: prototype keys are refused/);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
