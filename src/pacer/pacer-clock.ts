// One waiter per process for every paced loop in it: each turn sends what is
// due in every loop, then waits until the earliest next message of all of them
// without holding a core. Gaps of 2 ms or more go to a timer (the event loop
// sleeps, I/O runs). Shorter gaps are a nap: Atomics.wait blocks the thread in
// the kernel for a sub-millisecond time (Bun's timers and Bun.sleep have 1 ms
// granularity; Bun.sleep below 1 ms returns at once), then the turn sends what
// fell due and yields to the event loop before the next nap, so acks and IPC
// wait at most one nap. A nap lasts at least NAP_MIN_NS: messages that fall due
// meanwhile go together when it ends, so a loop at 10,000 msg/s wakes a few
// thousand times a second, not ten thousand (each wake costs ~20 µs of CPU on
// this VM). When the event loop had work between two turns (a consumer in the
// same child, acks), the next wait is a yield, not a nap: the thread is not
// idle, so blocking it would only slow that work down. Nothing spins; intended
// send times stay exact, so waking late shows as publish delay.
export interface ClockLoop {
  /**
   * Sends what is due at `nowNs` and returns when the loop next needs a turn:
   * the next intended send time (or a retry time), a time <= now to be run
   * again at once, Infinity for never (paused or stopped).
   */
  sendDue(nowNs: number): number;
}

/** Below this gap a nap, from it on a timer. */
const TIMER_MIN_NS = 2_000_000;
/** A timer wakes this early: Bun's timers fire up to ~1 ms late. */
const TIMER_EARLY_NS = 1_000_000;
/** Capped: timers overflow past 2^31 ms; waking early just waits again. */
const MAX_TIMER_MS = 60_000;
/**
 * The shortest nap: what falls due during it is sent together at its end. It
 * bounds wakes to ~3,000 a second at any rate (CPU) and adds at most this much
 * to publish delay (plus the kernel's ~70 µs of timer slack and wakeup).
 */
export const NAP_MIN_NS = 250_000;
/** The longest nap, so the event loop (acks, IPC, consumers in this process) is never blocked longer. */
const NAP_MAX_NS = 500_000;
/** A yield that took longer than this ran other work: the event loop is busy. */
const BUSY_YIELD_NS = 50_000;

class PacerClock {
  private readonly loops = new Set<ClockLoop>();
  private readonly napCell = new Int32Array(new SharedArrayBuffer(4));
  private timer: ReturnType<typeof setTimeout> | undefined;
  private immediate: ReturnType<typeof setImmediate> | undefined;
  private inTurn = false;
  private rescan = false;
  /** When the last turn ended in a yield (setImmediate); 0 otherwise. */
  private yieldedAtNs = 0;
  /** Naps taken and their total length, for the benches. */
  naps = 0;
  napNs = 0;

  /** Adds a loop (or tells the clock its schedule changed): it gets a turn at once. */
  wake(loop: ClockLoop): void {
    this.loops.add(loop);
    if (this.inTurn) {
      this.rescan = true;
      return;
    }
    this.cancel();
    this.immediate = setImmediate(this.turn);
  }

  /** Removes a loop; with none left nothing stays scheduled (the process may exit). */
  remove(loop: ClockLoop): void {
    this.loops.delete(loop);
    if (this.loops.size === 0 && !this.inTurn) this.cancel();
  }

  private readonly turn = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    const busy = this.yieldedAtNs > 0 && Bun.nanoseconds() - this.yieldedAtNs > BUSY_YIELD_NS;
    this.yieldedAtNs = 0;
    this.inTurn = true;
    try {
      this.run(busy);
    } finally {
      this.inTurn = false;
    }
  };

  /** One turn: sends, then at most one nap and sends again, then schedules the next turn. */
  private run(busy: boolean): void {
    let napped = busy;
    for (;;) {
      this.rescan = false;
      let wakeAt = Number.POSITIVE_INFINITY;
      for (const loop of this.loops) {
        const next = loop.sendDue(Bun.nanoseconds());
        if (next < wakeAt) wakeAt = next;
      }
      if (this.rescan) wakeAt = 0;
      if (wakeAt === Number.POSITIVE_INFINITY || this.loops.size === 0) return;
      const gap = wakeAt - Bun.nanoseconds();
      if (gap >= TIMER_MIN_NS) {
        this.timer = setTimeout(this.turn, Math.min(MAX_TIMER_MS, Math.floor((gap - TIMER_EARLY_NS) / 1e6)));
        return;
      }
      if (gap <= 0 || napped) {
        this.immediate = setImmediate(this.turn);
        this.yieldedAtNs = Bun.nanoseconds();
        return;
      }
      this.nap(Math.min(Math.max(gap, NAP_MIN_NS), NAP_MAX_NS));
      napped = true;
    }
  }

  private nap(ns: number): void {
    const from = Bun.nanoseconds();
    Atomics.wait(this.napCell, 0, 0, ns / 1e6);
    this.naps++;
    this.napNs += Bun.nanoseconds() - from;
  }

  private cancel(): void {
    clearTimeout(this.timer);
    clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }
}

/** The process's one clock. */
export const pacerClock = new PacerClock();
