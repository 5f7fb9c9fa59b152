// Drives a Limiter on the real clock (Bun.nanoseconds): calls send() for every
// due message, then waits for the next one without oversleeping its deadline —
// a timer only for gaps of 2 ms or more, woken 1 ms early (timers fire late, and
// Bun.sleep below 1 ms returns at once); below that it holds the thread for at
// most SPIN_SLICE_NS at a time and yields with setImmediate in between, so acks
// and IPC run. One callback per message, no Promise per message.
import { intervalNsFor, Limiter, type Pacing } from "./limiter";

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

const SLEEP_THRESHOLD_NS = 2_000_000;
/**
 * The longest the loop holds the thread while waiting. Yielding on every turn
 * instead (hundreds of thousands of setImmediate a second, each a new object)
 * made the collector run ten times a second, and its pauses of 1–10 ms were
 * the largest part of publish delay p99.
 */
const SPIN_SLICE_NS = 50_000;
/**
 * A refused send is offered again after this timer, not on the next turn:
 * what must make room (another thread, the client's acks) needs the core the
 * retry would spin on.
 */
const REFUSED_RETRY_MS = 1;
const WAKE_EARLY_NS = 1_000_000;
const MAX_SLEEP_MS = 60_000;

export class PacedLoop {
  private readonly options: PacedLoopOptions;
  private readonly maxPerTurn: number;
  private limiter: Limiter | undefined;
  private rate: number;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;

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
    if (this.limiter) this.limiter.setRate(this.rate, Bun.nanoseconds());
    else this.limiter = new Limiter(this.rate, Bun.nanoseconds(), this.options.pacing);
    this.wake();
  }

  /** Takes effect at once, re-anchoring the schedule (no catch-up burst). Throws a RangeError on a bad rate. */
  setRate(rate: number): void {
    intervalNsFor(rate);
    this.limiter?.setRate(rate, Bun.nanoseconds());
    this.rate = rate;
    if (this.running) this.wake();
  }

  /** No send() happens after this returns (call it from send() too). */
  stop(): void {
    this.running = false;
    this.cancel();
  }

  private readonly turn = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    const limiter = this.limiter!;
    const send = this.options.send;
    let now = Bun.nanoseconds();
    const yieldAt = now + SPIN_SLICE_NS;
    for (let n = 0; n < this.maxPerTurn; n++) {
      if (!this.running) return;
      const intended = limiter.nextIntendedNs(now);
      if (intended > now) {
        if (intended > yieldAt) return this.waitFor(intended - now, yieldAt);
        now = spinUntil(intended);
      }
      if (send(limiter.next, intended, now) === false) {
        if (this.running) this.timer = setTimeout(this.turn, REFUSED_RETRY_MS);
        return;
      }
      limiter.advance();
      now = Bun.nanoseconds();
    }
    if (this.running) this.immediate = setImmediate(this.turn);
  };

  /** Waits `ns` for the next message; a turn that waits in place does so until `yieldAt`. */
  private waitFor(ns: number, yieldAt: number): void {
    if (ns === Number.POSITIVE_INFINITY) return; // paused until setRate
    if (ns >= SLEEP_THRESHOLD_NS) {
      // Capped: timers overflow past 2^31 ms; waking early just waits again.
      this.timer = setTimeout(this.turn, Math.min(MAX_SLEEP_MS, Math.floor((ns - WAKE_EARLY_NS) / 1e6)));
    } else {
      spinUntil(yieldAt);
      this.immediate = setImmediate(this.turn);
    }
  }

  private wake(): void {
    this.cancel();
    this.immediate = setImmediate(this.turn);
  }

  private cancel(): void {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }
}

/** Busy-waits (allocating nothing) until Bun.nanoseconds() reaches `ns`; returns that reading. */
function spinUntil(ns: number): number {
  let now = Bun.nanoseconds();
  while (now < ns) now = Bun.nanoseconds();
  return now;
}
