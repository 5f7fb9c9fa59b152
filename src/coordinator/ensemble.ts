// The workers of one run, called in parallel with a bound on every call. A
// worker that fails a call while load runs is marked lost (named, with why)
// and left out of every later call except the final stop attempts.
import type { Worker } from "../worker/api/worker";
import { BoundExceeded, bounded, formatMs, RunAborted } from "./bounds";
import type { RoleSplit } from "./plan";

export interface CallOutcome<T> {
  results: Map<string, T>;
  failures: Map<string, string>;
}

export class WorkerFailure extends Error {
  constructor(
    readonly workerId: string,
    readonly what: string,
    readonly reason: string,
  ) {
    super(`worker ${workerId}: ${what} failed: ${reason}`);
  }
}

export class Ensemble {
  /** Worker id → why it dropped out. */
  readonly lost = new Map<string, string>();
  private readonly byId: Map<string, Worker>;

  constructor(
    workers: Worker[],
    readonly roles: RoleSplit,
    private readonly signal?: AbortSignal,
  ) {
    this.byId = new Map(workers.map((w) => [w.id, w]));
  }

  get ids(): string[] {
    return [...this.byId.keys()];
  }

  alive(ids: string[] = this.ids): string[] {
    return ids.filter((id) => !this.lost.has(id));
  }

  markLost(id: string, reason: string): void {
    if (!this.lost.has(id)) this.lost.set(id, reason);
  }

  /**
   * Calls `fn` on every alive worker of `ids` at once, each bounded by `ms`.
   * Failures are returned, not thrown (and mark the worker lost when
   * `markLost`); an interruption throws RunAborted unless `ignoreAbort`.
   * Lost workers are skipped unless `includeLost`.
   */
  async call<T>(
    ids: string[],
    what: string,
    fn: (worker: Worker) => Promise<T>,
    ms: number,
    options: { markLost?: boolean; ignoreAbort?: boolean; includeLost?: boolean } = {},
  ): Promise<CallOutcome<T>> {
    const signal = options.ignoreAbort ? undefined : this.signal;
    const targets = options.includeLost ? ids.filter((id) => this.byId.has(id)) : this.alive(ids);
    const settled = await Promise.allSettled(
      targets.map((id) => bounded(fn(this.byId.get(id)!), ms, what, signal)),
    );
    const outcome: CallOutcome<T> = { results: new Map(), failures: new Map() };
    settled.forEach((s, i) => {
      const id = targets[i]!;
      if (s.status === "fulfilled") outcome.results.set(id, s.value);
      else outcome.failures.set(id, reasonOf(s.reason));
    });
    const aborted = settled.find((s) => s.status === "rejected" && s.reason instanceof RunAborted);
    if (aborted) throw (aborted as PromiseRejectedResult).reason;
    if (options.markLost) for (const [id, reason] of outcome.failures) this.markLost(id, `${what}: ${reason}`);
    return outcome;
  }

  /** Like call, but the first failure throws WorkerFailure (setup steps, where nothing is measured yet). */
  async require<T>(ids: string[], what: string, fn: (worker: Worker) => Promise<T>, ms: number): Promise<Map<string, T>> {
    const outcome = await this.call(ids, what, fn, ms);
    const [first] = outcome.failures;
    if (first) throw new WorkerFailure(first[0], what, first[1]);
    return outcome.results;
  }
}

/** The worker client's messages already name the worker, and the bound the call; keep each only once. */
function reasonOf(error: unknown): string {
  if (error instanceof BoundExceeded) return `no answer within ${formatMs(error.ms)}`;
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^worker \S+: /, "");
}
