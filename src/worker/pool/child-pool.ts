// The worker's children as a group: starts them, places producers and consumers
// by load over the live ones, fans requests out, and keeps a record of every
// child that died with the producer and consumer ids it held.
import { consola } from "consola";
import { ChildHandle, type ChildHandleOptions } from "./child-handle";
import type { ChildArgs, ChildOp, ChildResult } from "../child/ipc-protocol";
import type { ChildCrash, ChildStatus } from "../api/types";

export interface ChildPoolOptions {
  workerId: string;
  processes: number;
  /** Overrides the child argv (tests); default: this program's worker-child subcommand. */
  command?: (index: number) => string[];
}

export class ChildPool {
  private children: ChildHandle[] = [];
  private crashes: ChildCrash[] = [];
  /** Load placed on each child, by child index (see place). */
  private load = new Map<number, number>();

  constructor(private readonly options: ChildPoolOptions) {}

  get crashed(): ChildCrash[] {
    return [...this.crashes];
  }

  get started(): boolean {
    return this.children.length > 0;
  }

  status(): ChildStatus[] {
    return this.children.map((c) => ({
      index: c.index,
      pid: c.pid,
      alive: c.alive,
      producers: c.producers.length,
      consumers: c.consumers.length,
    }));
  }

  /** Spawns fresh children (the previous ones must have been retired). */
  async start(): Promise<void> {
    this.crashes = [];
    this.load.clear();
    this.children = Array.from({ length: this.options.processes }, (_, index) => {
      const options: ChildHandleOptions = {
        index,
        workerId: this.options.workerId,
        command: this.options.command?.(index),
        onExit: (exit) => {
          if (!exit.expected) this.recordCrash(child, exit.exitCode, exit.signal);
        },
      };
      const child = new ChildHandle(options);
      return child;
    });
    const results = await Promise.allSettled(this.children.map((c) => c.started()));
    const failure = results.find((r) => r.status === "rejected");
    if (failure) {
      await this.retireAll();
      throw failure.reason;
    }
  }

  /**
   * The child that gets the next producer (or consumer): the live child with the
   * least load, then the fewest roles, then the lowest index. Producers and
   * consumers count against one load, so one producer and one consumer on two
   * children get one each rather than sharing a child while the other idles.
   * `weight` is the role's share of the call that created it (1 / roles in the
   * call): the consumers of a subscription read about what all the producers
   * write, so each side weighs about 1 in total, and a lone consumer is not
   * put beside a producer while another child holds only producers.
   */
  place(kind: "producer" | "consumer", id: string, weight = 1): ChildHandle {
    const live = this.live();
    if (live.length === 0) throw new Error("no live child process to place work on");
    const load = (c: ChildHandle) => this.load.get(c.index) ?? 0;
    const roles = (c: ChildHandle) => c.producers.length + c.consumers.length;
    const child = live.reduce((best, c) =>
      load(c) < load(best) - 1e-9 || (Math.abs(load(c) - load(best)) <= 1e-9 && roles(c) < roles(best)) ? c : best,
    );
    (kind === "producer" ? child.producers : child.consumers).push(id);
    this.load.set(child.index, load(child) + weight);
    return child;
  }

  /** Sends to every live child; children that die meanwhile are skipped (their crash is recorded). */
  async fanOut<K extends ChildOp>(
    op: K,
    args: (child: ChildHandle) => ChildArgs<K>,
    timeoutMs: number,
  ): Promise<ChildResult<K>[]> {
    const live = this.live();
    const results = await Promise.allSettled(live.map((c) => c.request(op, args(c), timeoutMs)));
    const values: ChildResult<K>[] = [];
    results.forEach((result, i) => {
      if (result.status === "fulfilled") values.push(result.value);
      else if ((live[i] as ChildHandle).alive) throw result.reason;
    });
    return values;
  }

  /**
   * Like fanOut, but a live child that fails or does not answer is killed and
   * recorded as crashed with the reason, so the others' answers are never lost.
   */
  async fanOutOrAbandon<K extends ChildOp>(op: K, args: ChildArgs<K>, timeoutMs: number): Promise<ChildResult<K>[]> {
    const live = this.live();
    const results = await Promise.allSettled(live.map((c) => c.request(op, args, timeoutMs)));
    const values: ChildResult<K>[] = [];
    await Promise.all(
      results.map(async (result, i) => {
        const child = live[i] as ChildHandle;
        if (result.status === "fulfilled") values.push(result.value);
        else if (child.alive) {
          this.recordCrash(child, null, null, `${(result.reason as Error).message}; killed by the worker`);
          await child.retire(0);
        }
      }),
    );
    return values;
  }

  /** Sends to the first live child (admin calls that need one driver). */
  async any<K extends ChildOp>(op: K, args: ChildArgs<K>, timeoutMs: number): Promise<ChildResult<K>> {
    for (const child of this.live()) {
      try {
        return await child.request(op, args, timeoutMs);
      } catch (error) {
        if (child.alive) throw error;
      }
    }
    throw new Error(`no live child process for ${op}`);
  }

  live(): ChildHandle[] {
    return this.children.filter((c) => c.alive);
  }

  async retireAll(): Promise<void> {
    await Promise.all(this.children.map((c) => c.retire()));
    this.children = [];
  }

  private recordCrash(child: ChildHandle, exitCode: number | null, signal: string | null, reason?: string): void {
    const crash: ChildCrash = {
      child: child.index,
      exitCode,
      signal,
      producers: [...child.producers],
      consumers: [...child.consumers],
    };
    if (reason) crash.reason = reason;
    this.crashes.push(crash);
    const how = reason ?? (signal ? `killed by ${signal}` : `exited with code ${exitCode}`);
    consola.error(
      `worker ${this.options.workerId}: child ${child.index} (pid ${child.pid}) ${how}; ` +
        `lost producers [${crash.producers.join(", ")}], consumers [${crash.consumers.join(", ")}]`,
    );
  }
}
