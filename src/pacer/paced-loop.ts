// Drives a Limiter on the real clock (Bun.nanoseconds): calls send() for every
// due message. Waiting between messages is the process's one PacerClock's job
// (timers and sub-millisecond naps, no spinning): with several producers in
// one child, it wakes for the earliest of them. One callback per message, no
// Promise per message.
import { intervalNsFor, Limiter, type Pacing } from "./limiter";
import { type ClockLoop, pacerClock } from "./pacer-clock";

export interface PacedLoopOptions {
  /** msg/s; 0 pauses, Infinity is unlimited. */
  rate: number;
  pacing?: Pacing;
  /**
   * Sends message `index` (0, 1, 2, … — use it as the sequence number).
   * `intendedNs` is its place in the schedule and `nowNs` the Bun.nanoseconds()
   * reading just before this call (the actual send time; publish delay =
   * nowNs − intendedNs). Return false when the message cannot be taken now (e.g.
   * too many in flight): it is offered again about 1 ms later with the same
   * index and intended time, so the wait shows as publish delay. Must not throw.
   */
  send(index: number, intendedNs: number, nowNs: number): boolean | void;
  /** At most this many sends per event-loop turn (default 1000). */
  maxPerTurn?: number;
}

/**
 * A refused send is offered again this much later, not on the next turn: what
 * must make room (the client's acks) needs the event loop meanwhile.
 */
const REFUSED_RETRY_NS = 1_000_000;

export class PacedLoop implements ClockLoop {
  private readonly options: PacedLoopOptions;
  private readonly maxPerTurn: number;
  private limiter: Limiter | undefined;
  private rate: number;
  private running = false;
  /** After a refusal: no offer before this time. */
  private retryAtNs = 0;

  constructor(options: PacedLoopOptions) {
    intervalNsFor(options.rate); // throws a RangeError on a bad rate now, not at start()
    this.options = options;
    this.rate = options.rate;
    this.maxPerTurn = options.maxPerTurn ?? 1000;
  }

  /** Messages sent so far. */
  get sent(): number {
    return this.limiter?.next ?? 0;
  }

  /**
   * The schedule starts now: message 0 is due at once. After stop(), start()
   * continues the sequence on a schedule re-anchored at now.
   */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.retryAtNs = 0;
    if (this.limiter) this.limiter.setRate(this.rate, Bun.nanoseconds());
    else this.limiter = new Limiter(this.rate, Bun.nanoseconds(), this.options.pacing);
    pacerClock.wake(this);
  }

  /** Takes effect at once, re-anchoring the schedule (no catch-up burst). Throws a RangeError on a bad rate. */
  setRate(rate: number): void {
    intervalNsFor(rate);
    this.limiter?.setRate(rate, Bun.nanoseconds());
    this.rate = rate;
    if (this.running) pacerClock.wake(this);
  }

  /** No send() happens after this returns (call it from send() too). */
  stop(): void {
    this.running = false;
    pacerClock.remove(this);
  }

  /** ClockLoop: sends every message due at `nowNs` (at most maxPerTurn) and says when the next is due. */
  sendDue(nowNs: number): number {
    if (!this.running) return Number.POSITIVE_INFINITY;
    if (nowNs < this.retryAtNs) return this.retryAtNs;
    const limiter = this.limiter!;
    const send = this.options.send;
    let now = nowNs;
    for (let n = 0; n < this.maxPerTurn; n++) {
      const intended = limiter.nextIntendedNs(now);
      if (intended > now) return intended;
      if (send(limiter.next, intended, now) === false) {
        this.retryAtNs = now + REFUSED_RETRY_NS;
        return this.running ? this.retryAtNs : Number.POSITIVE_INFINITY;
      }
      if (!this.running) return Number.POSITIVE_INFINITY;
      limiter.advance();
      now = Bun.nanoseconds();
    }
    return now; // the turn is full: more at once, after the event loop has run
  }
}
