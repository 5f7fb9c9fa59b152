// One benchmark producer in a child: the paced loop gives each message its
// intended send time, the message carries producer id, sequence and wall-clock
// send time, and every ack or failure is recorded. In-flight sends are capped so
// a slow broker shows up as publish delay, not as an unbounded pile of promises.
import type { BenchmarkProducer, OutgoingMessage } from "../../drivers/driver";
import { DriverError } from "../../drivers/driver";
import { HeaderEncoder, OMB_HEADER } from "../../message/headers";
import type { KeyDistributor } from "../../message/key-distributor";
import { MessageFactory } from "../../message/message-factory";
import type { PayloadPool } from "../../message/payload";
import { wallClockMicros, wallClockMicrosAt } from "../../message/wall-clock";
import { PacedLoop, type PacedLoopOptions } from "../../pacer/paced-loop";
import { SequenceSet } from "../../stats/sequence-set";
import type { StatsRecorder } from "../../stats/stats-recorder";
import type { ProducerReport } from "../../stats/types";
import { InFlightBudget } from "./in-flight-budget";

/** Sends handed to the driver and not yet acked or failed, per producer. */
export const MAX_UNACKED_PER_PRODUCER = 16_384;
/** Error type of sends still unsettled when stopLoad gave up waiting for them. */
export const UNSETTLED_AT_STOP = "unsettled-at-stop";

export interface ProducerLoad {
  /** msg/s of this producer. */
  rate: number;
  payloads: PayloadPool;
  keys: KeyDistributor;
  pacing?: PacedLoopOptions["pacing"];
}

export class ProducerRunner {
  private loop: PacedLoop | undefined;
  private sent = 0;
  private acked = 0;
  private failed = 0;
  private readonly failedSequences = new SequenceSet();
  private readonly errorsByType: Record<string, number> = {};
  /** Sequences handed to the driver and not yet settled, with their bytes. */
  private readonly unsettled = new Map<number, number>();
  private drained: (() => void) | undefined;
  /** Set once the report is final: later acks or failures no longer change it. */
  private finalReport: ProducerReport | undefined;

  constructor(
    readonly id: string,
    readonly topic: string,
    private readonly producer: BenchmarkProducer,
    private readonly recorder: StatsRecorder,
    private readonly maxUnacked = MAX_UNACKED_PER_PRODUCER,
    /** Shared by the producers of the child: bounds its memory however many producers it runs. */
    private readonly budget = new InFlightBudget(),
  ) {}

  get running(): boolean {
    return this.loop !== undefined && this.finalReport === undefined;
  }

  start(load: ProducerLoad): void {
    if (this.loop) throw new Error(`producer ${this.id} already started`);
    const factory = new MessageFactory(this.id, load.payloads, load.keys);
    this.loop = new PacedLoop({
      rate: load.rate,
      pacing: load.pacing,
      send: (sequence, intendedNs, nowNs) => {
        if (this.unsettled.size >= this.maxUnacked || this.budget.spent) return false;
        this.dispatch(factory.next(sequence, wallClockMicrosAt(nowNs)), sequence, intendedNs, nowNs);
      },
    });
    this.loop.start();
  }

  setRate(rate: number): void {
    this.loop?.setRate(rate);
  }

  /** One readiness probe, outside the sequence; resolves at its ack. */
  async probe(): Promise<void> {
    const probe: OutgoingMessage = {
      key: null,
      value: Buffer.alloc(0),
      headers: new HeaderEncoder(this.id).encodeProbe(wallClockMicros()),
    };
    await this.producer.send(probe);
  }

  /**
   * Stops sending, flushes, and waits (at most timeoutMs) until every send is
   * acked or failed; sends still open then count as failed. Idempotent.
   */
  async stop(timeoutMs: number): Promise<ProducerReport> {
    if (this.finalReport) return this.finalReport;
    this.loop?.stop();
    const settled = new Promise<void>((resolve) => {
      this.drained = resolve;
      if (this.unsettled.size === 0) resolve();
    });
    const flushed = this.producer.flush().catch(() => {}); // failures arrive through the sends' own promises
    let timer: Timer | undefined;
    const timedOut = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs)));
    const gaveUp = await Promise.race([Promise.all([settled, flushed]).then(() => false), timedOut]);
    clearTimeout(timer);
    if (gaveUp) {
      for (const [sequence, bytes] of this.unsettled) {
        this.fail(sequence, UNSETTLED_AT_STOP);
        this.budget.give(bytes);
      }
      this.unsettled.clear();
    }
    this.finalReport = this.report();
    return this.finalReport;
  }

  report(): ProducerReport {
    return (
      this.finalReport ?? {
        id: this.id,
        topic: this.topic,
        sent: this.sent,
        acked: this.acked,
        failed: this.failed,
        failedSequences: this.failedSequences.encode(),
        errorsByType: { ...this.errorsByType },
      }
    );
  }

  async close(timeoutMs: number): Promise<ProducerReport> {
    const report = await this.stop(timeoutMs);
    await this.producer.close();
    return report;
  }

  private dispatch(message: OutgoingMessage, sequence: number, intendedNs: number, sentNs: number): void {
    const bytes = message.value.length;
    // What the send holds in memory until it settles: value, key and headers.
    const held = bytes + (message.key?.length ?? 0) + (message.headers[OMB_HEADER]?.length ?? 0);
    this.sent++;
    this.unsettled.set(sequence, held);
    this.budget.take(held);
    this.recorder.recordSend();
    this.producer.send(message).then(
      () => {
        if (!this.settle(sequence)) return; // already given up on at stop
        const ackNs = Bun.nanoseconds();
        this.acked++;
        this.recorder.recordAck(bytes, (ackNs - sentNs) / 1000, (sentNs - intendedNs) / 1000, (ackNs - intendedNs) / 1000);
        this.settledOne();
      },
      (error: unknown) => {
        if (!this.settle(sequence)) return;
        this.fail(sequence, error instanceof DriverError ? error.type : "other");
        this.settledOne();
      },
    );
  }

  /** Takes a sequence out of the unsettled ones and returns its bytes to the budget; false if it was not there. */
  private settle(sequence: number): boolean {
    const held = this.unsettled.get(sequence);
    if (held === undefined) return false;
    this.unsettled.delete(sequence);
    this.budget.give(held);
    return true;
  }

  private fail(sequence: number, type: string): void {
    this.failed++;
    this.failedSequences.add(sequence);
    this.errorsByType[type] = (this.errorsByType[type] ?? 0) + 1;
    this.recorder.recordSendError(type);
  }

  private settledOne(): void {
    if (this.unsettled.size === 0) this.drained?.();
  }
}
