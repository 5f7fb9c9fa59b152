// Everything one child process owns: its driver, its producers and consumers and
// one stats recorder. Its methods are the IPC handlers the parent calls.
import { consola } from "consola";
import type { BenchmarkConsumer, Driver } from "../../drivers/driver";
import { createDriver } from "../../drivers/index";
import { createKeyDistributor } from "../../message/key-distributor";
import { PayloadPool } from "../../message/payload";
import { StatsRecorder } from "../../stats/stats-recorder";
import type { ProducerReport } from "../../stats/types";
import type { ChildArgs, ChildLoad } from "./ipc-protocol";
import type { ChildHandlers } from "./ipc-server";
import { MAX_UNACKED_PER_PRODUCER, ProducerRunner } from "./producer-runner";
import { InFlightBudget } from "./in-flight-budget";
import { SubscriptionTracker } from "./subscription-tracker";

/** How long stopLoad waits for in-flight sends; below the parent's request timeout. */
const STOP_LOAD_TIMEOUT_MS = 60_000;
/** Closing clients after stop: the reports are already taken, so a client that hangs must not hold them. */
const CLOSE_TIMEOUT_MS = 20_000;

interface ConsumerEntry {
  consumer: BenchmarkConsumer;
  ready: boolean;
}

export class ChildRuntime {
  private driver: Driver | undefined;
  private readonly recorder = new StatsRecorder();
  private readonly producers = new Map<string, ProducerRunner>();
  private readonly consumers = new Map<string, ConsumerEntry>();
  private readonly subscriptions = new Map<string, SubscriptionTracker>();
  private readonly inFlight = new InFlightBudget();

  constructor(private readonly label: string) {}

  readonly handlers: ChildHandlers = {
    initialize: async ({ driver }) => {
      if (this.driver) throw new Error(`${this.label}: driver already initialized`);
      this.driver = await createDriver(driver);
      return null;
    },
    createTopics: async ({ topics }) => {
      await this.requireDriver().createTopics(topics);
      return null;
    },
    deleteTopics: ({ names }) => this.requireDriver().deleteTopics(names),
    listTopics: ({ prefix }) => this.requireDriver().listTopics(prefix),
    createProducers: async ({ producers }) => {
      const driver = this.requireDriver();
      await Promise.all(
        producers.map(async ({ id, topic }) => {
          this.producers.set(id, new ProducerRunner(id, topic, await driver.createProducer(topic), this.recorder, MAX_UNACKED_PER_PRODUCER, this.inFlight));
        }),
      );
      return null;
    },
    createConsumers: async ({ consumers }) => {
      const driver = this.requireDriver();
      await Promise.all(consumers.map((assignment) => this.createConsumer(driver, assignment)));
      return null;
    },
    consumersReady: async () => ({
      pending: [...this.consumers].filter(([, entry]) => !entry.ready).map(([id]) => id),
    }),
    probeProducers: async () => {
      await Promise.all([...this.producers.values()].map((p) => p.probe()));
      return null;
    },
    startLoad: async (load) => {
      this.startLoad(load);
      return null;
    },
    adjustRate: async ({ producerRate }) => {
      for (const producer of this.producers.values()) producer.setRate(producerRate);
      return null;
    },
    pauseConsumers: async () => {
      for (const { consumer } of this.consumers.values()) consumer.pause();
      return null;
    },
    resumeConsumers: async () => {
      for (const { consumer } of this.consumers.values()) consumer.resume();
      return null;
    },
    periodStats: async () => this.recorder.drainPeriod(),
    cumulativeLatencies: async () => this.recorder.cumulativeLatencies(),
    counters: async () => this.recorder.counters(),
    resetStats: async () => {
      this.recorder.reset();
      return null;
    },
    stopLoad: () => this.stopProducers(),
    stop: async () => {
      const producers = await this.stopProducers();
      const closed = await Promise.race([this.close().then(() => true), Bun.sleep(CLOSE_TIMEOUT_MS).then(() => false)]);
      if (!closed) consola.warn(`${this.label}: clients did not close within ${CLOSE_TIMEOUT_MS / 1000} s; answering stop anyway`);
      return { producers, subscriptions: [...this.subscriptions.values()].map((s) => s.report()) };
    },
  };

  /** Closes producers, consumers and the driver; what fails to close is logged, not thrown. */
  async close(): Promise<void> {
    const closing = [
      ...[...this.producers.values()].map((p) => p.close(STOP_LOAD_TIMEOUT_MS)),
      ...[...this.consumers.values()].map((c) => c.consumer.close()),
    ];
    for (const result of await Promise.allSettled(closing)) {
      if (result.status === "rejected") consola.warn(`${this.label}: closing a client failed: ${String(result.reason)}`);
    }
    this.producers.clear();
    this.consumers.clear();
    await this.driver?.close().catch((error: Error) => consola.warn(`${this.label}: closing the driver failed: ${error.message}`));
    this.driver = undefined;
  }

  private requireDriver(): Driver {
    if (!this.driver) throw new Error(`${this.label}: driver not initialized`);
    return this.driver;
  }

  private async createConsumer(driver: Driver, { id, topic, subscription }: ChildArgs<"createConsumers">["consumers"][number]) {
    if (this.consumers.has(id)) throw new Error(`consumer ${id} already exists`);
    const key = JSON.stringify([subscription, topic]);
    let tracker = this.subscriptions.get(key);
    if (!tracker) this.subscriptions.set(key, (tracker = new SubscriptionTracker(subscription, topic, this.recorder)));
    const consumer = await driver.createConsumer({ topics: [topic], subscription, onMessages: tracker.onMessages });
    const entry: ConsumerEntry = { consumer, ready: false };
    this.consumers.set(id, entry);
    consumer.ready.then(
      () => (entry.ready = true),
      (error: Error) => consola.error(`${this.label}: consumer ${id} failed before it was ready: ${error.message}`),
    );
  }

  private startLoad(load: ChildLoad): void {
    if (this.producers.size === 0) return;
    if ([...this.producers.values()].some((p) => p.running)) throw new Error(`${this.label}: load already running`);
    const payloads = new PayloadPool(load.payload);
    for (const producer of this.producers.values()) {
      producer.start({
        rate: load.producerRate,
        payloads,
        keys: createKeyDistributor(load.keyDistributor),
        pacing: load.pacing,
      });
    }
  }

  private async stopProducers(): Promise<ProducerReport[]> {
    return Promise.all([...this.producers.values()].map((p) => p.stop(STOP_LOAD_TIMEOUT_MS)));
  }
}
