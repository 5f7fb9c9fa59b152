// The deadman switch: from initialize-driver until the session is torn down, a
// coordinator that stops calling (crashed, partitioned, killed) must not leave
// producers or consumers running forever. A call still being answered (topics
// created, producers flushed) is not silence. Once it fired, the run it cut short
// stays refused: a coordinator that gets through again (a healed partition, a
// late request) learns why instead of reading figures of a stopped session.

export interface DeadmanOptions {
  /** Silence allowed while armed; 0 disables the switch. */
  timeoutMs: number;
  /** Called once per arming when the silence exceeds timeoutMs. */
  onExpire(silentMs: number): void;
  checkEveryMs?: number;
  now?: () => number;
}

export class Deadman {
  private lastCall: number;
  private armed = false;
  /** Calls being answered: the coordinator waits on them, so it is not silent. */
  private inFlight = 0;
  /** Why the load of the current run was stopped; cleared when a new run begins. */
  private firedReason: string | undefined;
  private readonly timer: Timer | undefined;
  private readonly now: () => number;

  constructor(private readonly options: DeadmanOptions) {
    this.now = options.now ?? Date.now;
    this.lastCall = this.now();
    if (options.timeoutMs > 0) {
      this.timer = setInterval(() => this.check(), options.checkEveryMs ?? 1_000);
      this.timer.unref();
    }
  }

  /** A coordinator call arrived. */
  touch(): void {
    this.lastCall = this.now();
  }

  /** A coordinator call arrived and is being answered; the returned function marks its answer. */
  begin(): () => void {
    this.inFlight++;
    this.touch();
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight--;
      this.touch();
    };
  }

  /** A session began: silence from now on counts. */
  arm(): void {
    this.armed = true;
    this.touch();
  }

  disarm(): void {
    this.armed = false;
  }

  /** Set from the moment the switch fired until newRun(): why this run's calls are refused. */
  get fired(): string | undefined {
    return this.firedReason;
  }

  /** A new run starts (driver initialized again): its calls are welcome. */
  newRun(): void {
    this.firedReason = undefined;
  }

  /** Fires onExpire if armed and silent too long; returns whether it fired. */
  check(): boolean {
    if (!this.armed || this.options.timeoutMs <= 0 || this.inFlight > 0) return false;
    const silentMs = this.now() - this.lastCall;
    if (silentMs <= this.options.timeoutMs) return false;
    this.armed = false;
    this.firedReason =
      `the deadman switch stopped this run at ${new Date(this.now()).toISOString()} after ` +
      `${Math.round(silentMs / 1000)} s without a coordinator call (limit ${this.options.timeoutMs / 1000} s)`;
    this.options.onExpire(silentMs);
    return true;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
