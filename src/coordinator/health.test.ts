// Health checks against fake workers: every worker must answer, and with a wait the
// check is repeated until late starters answer or the wait is over.
import { describe, expect, test } from "bun:test";
import type { Worker } from "../worker/api/worker";
import type { WorkerHealth } from "../worker/api/types";
import { awaitWorkers } from "./health";

/** Answers /health from its `answersFrom`-th call on (1 = at once; Infinity = never). */
function starting(id: string, answersFrom: number): Worker & { asked: number } {
  const health: WorkerHealth = { id, version: "0.1.0", processes: 1, state: "idle", uptimeSeconds: 0, crashed: [] };
  const worker = {
    id,
    asked: 0,
    health: async () => {
      worker.asked++;
      if (worker.asked < answersFrom) throw new Error(`worker ${id}: GET /health failed: Unable to connect`);
      return health;
    },
  };
  return worker as unknown as Worker & { asked: number };
}

const log = () => {
  const lines: string[] = [];
  return { lines, info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
};

describe("awaitWorkers", () => {
  test("without a wait, a worker that does not answer fails the check at once, named", async () => {
    const check = await awaitWorkers([starting("http://a:1", 1), starting("http://b:1", 2)], log(), 0);
    expect(check.failed).toEqual(["worker http://b:1: GET /health failed: Unable to connect"]);
  });

  test("with a wait, late starters are asked again until they answer", async () => {
    const late = starting("http://b:1", 3);
    const l = log();
    const t = performance.now();
    const check = await awaitWorkers([starting("http://a:1", 1), late], l, 30_000);
    expect(check.failed).toEqual([]);
    expect(late.asked).toBe(3);
    expect(performance.now() - t).toBeGreaterThanOrEqual(3900);
    expect(l.lines[0]).toBe("waiting up to 30 s for 1 of 2 workers to answer (--wait-for-workers)");
  });

  test("the wait has an end, and then the check fails naming the worker", async () => {
    const check = await awaitWorkers([starting("http://never:1", Infinity)], log(), 1000);
    expect(check.failed).toEqual(["worker http://never:1: GET /health failed: Unable to connect"]);
  });

  test("Ctrl-C ends the wait", async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort("SIGINT"), 200);
    const t = performance.now();
    await awaitWorkers([starting("http://never:1", Infinity)], log(), 60_000, abort.signal);
    expect(performance.now() - t).toBeLessThan(2000);
  });
});
