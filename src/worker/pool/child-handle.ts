// The worker parent's end of one child process: spawns it, sends requests with
// ids and timeouts, validates what comes back, and notices when it dies.
import type { Subprocess } from "bun";
import * as v from "valibot";
import { selfCommand } from "../../build-info";
import {
  type ChildArgs,
  type ChildOp,
  type ChildResult,
  type ParentMessage,
  childMessageSchema,
  childOps,
} from "../child/ipc-protocol";
import { describeIssues } from "../api/schemas";
import { WorkerStateError } from "../api/errors";
import { findPrototypeKey } from "../../prototype-keys";

export interface ChildExit {
  exitCode: number | null;
  signal: string | null;
  /** True when the parent asked it to go (retire); false = crash. */
  expected: boolean;
}

export interface ChildHandleOptions {
  index: number;
  workerId: string;
  /** Called once when the process ends, for whatever reason. */
  onExit(exit: ChildExit): void;
  /** argv to start the child; defaults to this program's hidden worker-child subcommand. */
  command?: string[];
  startTimeoutMs?: number;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: Timer;
  op: ChildOp;
}

export class ChildHandle {
  readonly index: number;
  /** Producer and consumer ids placed on this child, for crash reports. */
  readonly producers: string[] = [];
  readonly consumers: string[] = [];
  exit: ChildExit | null = null;
  private readonly process: Subprocess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private retiring = false;
  private readonly hello: Promise<void>;

  constructor(private readonly options: ChildHandleOptions) {
    this.index = options.index;
    let helloReceived!: () => void;
    this.hello = new Promise((resolve) => (helloReceived = resolve));
    this.process = Bun.spawn({
      cmd: options.command ?? selfCommand("worker-child", "--index", String(options.index), "--worker", options.workerId),
      stdio: ["ignore", "inherit", "inherit"],
      env: childEnv(),
      serialization: "json",
      ipc: (message) => this.receive(message, helloReceived),
      onExit: (_process, exitCode, signalCode) => this.exited(exitCode, signalCode),
    });
  }

  get pid(): number {
    return this.process.pid;
  }

  get alive(): boolean {
    return this.exit === null;
  }

  /** Resolves once the child has installed its handlers; rejects if it dies or stays silent. */
  async started(): Promise<void> {
    const timeoutMs = this.options.startTimeoutMs ?? 30_000;
    let timer: Timer | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.name} did not start within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    const died = this.process.exited.then(() => {
      throw new Error(`${this.name} exited while starting (${this.describeExit()})`);
    });
    try {
      await Promise.race([this.hello, timeout, died]);
    } finally {
      clearTimeout(timer);
    }
  }

  request<K extends ChildOp>(op: K, args: ChildArgs<K>, timeoutMs: number): Promise<ChildResult<K>> {
    if (!this.alive) return Promise.reject(new Error(`${this.name} is not running (${this.describeExit()})`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${this.name}: ${op} timed out after ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer, op });
      const message: ParentMessage = { kind: "request", id, op, args };
      this.process.send(message);
    });
  }

  /** Asks the child to leave (it exits when the IPC channel closes) and waits, bounded, then kills. */
  async retire(timeoutMs = 10_000): Promise<void> {
    if (!this.alive) return;
    this.retiring = true;
    this.process.disconnect();
    const exited = await Promise.race([this.process.exited.then(() => true), Bun.sleep(timeoutMs).then(() => false)]);
    if (!exited) {
      this.process.kill("SIGKILL");
      await this.process.exited;
    }
  }

  private get name(): string {
    return `child ${this.index} (pid ${this.process.pid})`;
  }

  private describeExit(): string {
    if (!this.exit) return "running";
    return this.exit.signal ? `killed by ${this.exit.signal}` : `exit code ${this.exit.exitCode}`;
  }

  private receive(raw: unknown, helloReceived: () => void): void {
    const parsed = v.safeParse(childMessageSchema, raw);
    if (!parsed.success) {
      this.failAll(new Error(`${this.name} sent a malformed message: ${describeIssues(parsed.issues, "message")}`));
      return;
    }
    const message = parsed.output;
    if (message.kind === "hello") {
      helloReceived();
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return; // its request already timed out
    this.pending.delete(message.id);
    clearTimeout(pending.timer);
    if (!message.ok) {
      const text = `${this.name}: ${pending.op} failed: ${message.error}`;
      pending.reject(message.conflict ? new WorkerStateError(text) : new Error(text));
      return;
    }
    const prototypeKey = findPrototypeKey(message.result);
    if (prototypeKey) {
      pending.reject(new Error(`${this.name}: ${pending.op} returned result.${prototypeKey}: prototype keys are refused`));
      return;
    }
    const result = v.safeParse(childOps[pending.op].result, message.result);
    if (result.success) pending.resolve(result.output);
    else pending.reject(new Error(`${this.name}: ${pending.op} returned ${describeIssues(result.issues, "result")}`));
  }

  private exited(exitCode: number | null, signalCode: NodeJS.Signals | number | null): void {
    this.exit = {
      exitCode,
      signal: signalCode === null ? null : String(signalCode),
      expected: this.retiring,
    };
    this.failAll(new Error(`${this.name} ${this.describeExit()}`));
    this.options.onExit(this.exit);
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
  }
}

/**
 * The memory a child's JavaScript heap is sized for. JavaScriptCore grows its
 * heap by the machine's RAM; on a large host a child churning 25,000 messages a
 * second let garbage pile up to 600–800 MB RSS between collections. Told a small
 * machine, it collects sooner and a child stays well under 512 MB (see
 * BENCHMARKS.md, memory plateau). An operator's own setting wins.
 */
export const CHILD_HEAP_RAM_BYTES = 256 * 1024 * 1024;

function childEnv(): Record<string, string | undefined> {
  return { ...process.env, BUN_JSC_forceRAMSize: process.env.BUN_JSC_forceRAMSize ?? String(CHILD_HEAP_RAM_BYTES) };
}
