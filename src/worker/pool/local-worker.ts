// The Worker behind `omb worker`: control only. It keeps the run's state, deals
// producers and consumers to its child processes, splits the rate, merges what
// the children measured, and never loses track of a child that died.
import { consola } from "consola";
import type { DriverConfig } from "../../config/types";
import type { TopicSpec } from "../../drivers/driver";
import type { ProducerReport, SystemSample } from "../../stats/types";
import { buildInfo } from "../../build-info";
import { ChildPool, type ChildPoolOptions } from "./child-pool";
import type { ChildHandle } from "./child-handle";
import { WorkerStateError } from "../api/errors";
import type { ChildArgs } from "../child/ipc-protocol";
import { mergeCounters, mergeCumulativeLatencies, mergePeriodStats, mergeSubscriptionReports } from "../../stats/merge";
import type { Worker } from "../api/worker";
import type { ConsumerAssignment, ConsumersReadiness, LoadAssignment, LoadState, ProducerAssignment, StopResult, WorkerCounters, WorkerCumulativeLatencies, WorkerHealth, WorkerPeriodStats } from "../api/types";

/** Where the worker's system samples come from (the parent samples once a second). */
export interface SystemSampler {
  /** Samples since the previous call (period stats). */
  drain(): SystemSample[];
  /** Samples since the last reset (stop result). */
  all(): SystemSample[];
  reset(): void;
  /** The newest sample, for /metrics. */
  latest(): SystemSample | undefined;
  close(): void;
}

export interface LocalWorkerOptions extends ChildPoolOptions {
  system: SystemSampler;
  /** Told of every state change (the deadman switch is armed from initialized back to idle). */
  onLoadStateChange?(state: LoadState): void;
  /** The deadman switch's silence limit, shown in /health; 0 when off. */
  deadmanSeconds?: number;
}

/** Bounds of the child requests; each stays below the HTTP client's timeout for the route. */
const timeouts = {
  admin: 100_000,
  create: 50_000,
  quick: 8_000,
  stats: 25_000,
  stopLoad: 100_000,
  stop: 150_000,
} as const;

export class LocalWorker implements Worker {
  readonly id: string;
  private state: LoadState = "idle";
  private readonly pool: ChildPool;
  private readonly startedAt = Date.now();
  private producers: ProducerAssignment[] = [];
  private consumers: ConsumerAssignment[] = [];
  private stopping: Promise<StopResult> | null = null;
  /** The session being set up: one at a time, so no child is ever started outside the pool's view. */
  private initializing: Promise<void> | null = null;
  /** The result of the last stop, kept so that a stop after a deadman stop still gets it. */
  private lastStop: StopResult | null = null;

  constructor(private readonly options: LocalWorkerOptions) {
    this.id = options.workerId;
    this.pool = new ChildPool(options);
  }

  async health(): Promise<WorkerHealth> {
    return {
      id: this.id,
      version: buildInfo.version,
      processes: this.options.processes,
      state: this.state,
      uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000),
      deadmanSeconds: this.options.deadmanSeconds ?? 0,
      crashed: this.pool.crashed,
      children: this.pool.status(),
    };
  }

  /**
   * Starts a session: fresh children with the driver. A session that exists
   * (not running) is torn down first, as stop-all does; a second call while one
   * is being set up is refused, so two setups never race for the pool.
   */
  initializeDriver(driver: DriverConfig): Promise<void> {
    if (this.initializing) {
      return Promise.reject(new WorkerStateError("a driver is being initialized by an earlier call; wait for it, or call POST /stop-all"));
    }
    if (this.state === "running") return Promise.reject(new WorkerStateError("load is running; stop it before initializing again"));
    this.initializing = this.startSession(driver).finally(() => {
      this.initializing = null;
    });
    return this.initializing;
  }

  private async startSession(driver: DriverConfig): Promise<void> {
    if (this.pool.started || this.stopping) await this.stopOnce();
    this.lastStop = null;
    this.options.system.reset();
    await this.pool.start();
    try {
      await this.pool.fanOut("initialize", () => ({ driver }), timeouts.create);
    } catch (error) {
      await this.pool.retireAll();
      throw error;
    }
    this.setState("initialized");
    consola.info(`worker ${this.id}: driver ${driver.name} initialized in ${this.pool.live().length} child processes`);
  }

  async createTopics(topics: TopicSpec[]): Promise<void> {
    this.requireDriver();
    await this.pool.any("createTopics", { topics }, timeouts.admin);
  }

  async deleteTopics(names: string[]): Promise<{ name: string; error: string }[]> {
    this.requireDriver();
    return this.pool.any("deleteTopics", { names }, timeouts.admin);
  }

  async listTopics(prefix: string): Promise<string[]> {
    this.requireDriver();
    return this.pool.any("listTopics", { prefix }, timeouts.admin);
  }

  async createProducers(producers: ProducerAssignment[]): Promise<void> {
    this.requireDriver();
    this.requireNewIds("producer", this.producers, producers);
    const byChild = this.deal("producer", producers);
    await this.sendEach(byChild, "createProducers", (list) => ({ producers: list }));
    this.producers.push(...producers);
  }

  async createConsumers(consumers: ConsumerAssignment[]): Promise<void> {
    this.requireDriver();
    this.requireNewIds("consumer", this.consumers, consumers);
    const byChild = this.deal("consumer", consumers);
    await this.sendEach(byChild, "createConsumers", (list) => ({ consumers: list }));
    this.consumers.push(...consumers);
  }

  async consumersReady(): Promise<ConsumersReadiness> {
    this.requireDriver();
    const answers = await this.pool.fanOut("consumersReady", () => ({}), timeouts.quick);
    // A consumer on a dead child will never be ready; it stays pending so nobody waits on it silently.
    const lost = this.pool.crashed.flatMap((c) => c.consumers);
    const pending = [...answers.flatMap((a) => a.pending), ...lost];
    return { ready: pending.length === 0, pending };
  }

  async probeProducers(): Promise<void> {
    this.requireDriver();
    await this.pool.fanOut("probeProducers", () => ({}), timeouts.create);
  }

  async startLoad(assignment: LoadAssignment): Promise<void> {
    if (this.state !== "initialized") {
      throw new WorkerStateError(`cannot start load in state ${this.state}; initialize the driver first`);
    }
    if (this.producers.length === 0) throw new WorkerStateError("no producers; create producers before starting load");
    const producerRate = this.producerRate(assignment.workerRate);
    const { payload, keyDistributor, pacing } = assignment;
    await this.pool.fanOut("startLoad", () => ({ producerRate, payload, keyDistributor, pacing }), timeouts.create);
    this.setState("running");
    consola.info(
      `worker ${this.id}: load started, ${assignment.workerRate} msg/s over ${this.liveProducerCount()} producers`,
    );
  }

  async adjustRate(workerRate: number): Promise<void> {
    if (this.state !== "running") throw new WorkerStateError(`cannot adjust the rate in state ${this.state}`);
    const producerRate = this.producerRate(workerRate);
    await this.pool.fanOut("adjustRate", () => ({ producerRate }), timeouts.quick);
  }

  async pauseConsumers(): Promise<void> {
    this.requireDriver();
    await this.pool.fanOut("pauseConsumers", () => ({}), timeouts.quick);
  }

  async resumeConsumers(): Promise<void> {
    this.requireDriver();
    await this.pool.fanOut("resumeConsumers", () => ({}), timeouts.quick);
  }

  async periodStats(): Promise<WorkerPeriodStats> {
    const parts = await this.pool.fanOut("periodStats", () => ({}), timeouts.stats);
    return { ...mergePeriodStats(parts), system: this.options.system.drain(), crashed: this.pool.crashed };
  }

  async cumulativeLatencies(): Promise<WorkerCumulativeLatencies> {
    const parts = await this.pool.fanOut("cumulativeLatencies", () => ({}), timeouts.stats);
    return { ...mergeCumulativeLatencies(parts), crashed: this.pool.crashed };
  }

  async counters(): Promise<WorkerCounters> {
    const parts = await this.pool.fanOut("counters", () => ({}), timeouts.quick);
    return { ...mergeCounters(parts), crashed: this.pool.crashed };
  }

  async resetStats(): Promise<void> {
    await this.pool.fanOut("resetStats", () => ({}), timeouts.quick);
  }

  async stopLoad(): Promise<ProducerReport[]> {
    this.requireDriver();
    const reports = (await this.pool.fanOut("stopLoad", () => ({}), timeouts.stopLoad)).flat();
    if (this.state === "running") this.setState("stopped");
    return reports;
  }

  /** Waits for a session being set up, then stops it: stop-all leaves no child behind. */
  async stop(): Promise<StopResult> {
    while (this.initializing) await this.initializing.catch(() => {});
    return this.stopOnce();
  }

  /** Concurrent calls (coordinator and deadman) share one stop. */
  private stopOnce(): Promise<StopResult> {
    this.stopping ??= this.stopEverything().finally(() => {
      this.stopping = null;
    });
    return this.stopping;
  }

  private async stopEverything(): Promise<StopResult> {
    if (!this.pool.started) return this.lastStop ?? this.emptyStopResult();
    const answers = await this.pool.fanOutOrAbandon("stop", {}, timeouts.stop).finally(() => this.pool.retireAll());
    const result: StopResult = {
      workerId: this.id,
      producers: answers.flatMap((a) => a.producers),
      subscriptions: mergeSubscriptionReports(answers.flatMap((a) => a.subscriptions)),
      crashed: this.pool.crashed,
      system: this.options.system.all(),
    };
    this.producers = [];
    this.consumers = [];
    this.setState("idle");
    this.lastStop = result;
    return result;
  }

  private emptyStopResult(): StopResult {
    return { workerId: this.id, producers: [], subscriptions: [], crashed: this.pool.crashed, system: [] };
  }

  private setState(state: LoadState): void {
    this.state = state;
    this.options.onLoadStateChange?.(state);
  }

  private requireDriver(): void {
    if (this.state === "idle") throw new WorkerStateError("driver not initialized; call POST /initialize-driver first");
  }

  private requireNewIds(kind: string, existing: { id: string }[], added: { id: string }[]): void {
    const known = new Set(existing.map((e) => e.id));
    const clash = added.filter((a) => known.has(a.id)).map((a) => a.id);
    if (clash.length > 0) throw new WorkerStateError(`${kind} ids already exist on this worker: ${clash.join(", ")}`);
  }

  private deal<T extends { id: string }>(kind: "producer" | "consumer", items: T[]): Map<ChildHandle, T[]> {
    const byChild = new Map<ChildHandle, T[]>();
    for (const item of items) {
      const child = this.pool.place(kind, item.id, 1 / items.length);
      byChild.set(child, [...(byChild.get(child) ?? []), item]);
    }
    return byChild;
  }

  private async sendEach<K extends "createProducers" | "createConsumers", T>(
    byChild: Map<ChildHandle, T[]>,
    op: K,
    args: (items: T[]) => ChildArgs<K>,
  ): Promise<void> {
    await Promise.all([...byChild].map(([child, items]) => child.request(op, args(items), timeouts.create)));
  }

  private liveProducerCount(): number {
    return this.pool.live().reduce((n, c) => n + c.producers.length, 0);
  }

  /** The worker's rate split evenly over the producers still alive. */
  private producerRate(workerRate: number): number {
    const producers = this.liveProducerCount();
    return producers === 0 ? 0 : workerRate / producers;
  }
}
