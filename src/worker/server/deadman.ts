// The deadman switch: while load runs, a coordinator that stops calling (crashed,
// partitioned, killed) must not leave producers running forever.

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

  /** Load started: silence from now on counts. */
  arm(): void {
    this.armed = true;
    this.touch();
  }

  disarm(): void {
    this.armed = false;
  }

  /** Fires onExpire if armed and silent too long; returns whether it fired. */
  check(): boolean {
    if (!this.armed || this.options.timeoutMs <= 0) return false;
    const silentMs = this.now() - this.lastCall;
    if (silentMs <= this.options.timeoutMs) return false;
    this.armed = false;
    this.options.onExpire(silentMs);
    return true;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
