// The schedule that gives every message an intended send time, as a pure
// function of time (vegeta's Pace; no clock in here): message k of a schedule
// segment is due at anchor + k·interval (uniform) or, in bursty mode, bursts of
// N are due at once every N·interval (same average rate). The schedule is
// absolute (wrk2 style): a sender that falls behind does not skip messages and
// does not shift the schedule — late messages go as soon as possible and their
// lateness shows as publish delay. A rate change starts a new segment (see setRate).
/** Even spacing (default), or bursts of up to burstSize messages due at once. */
export type Pacing = { mode: "uniform" } | { mode: "bursty"; burstSize: number };

/** ns after the segment start at which message k (0-based) of the segment is due. */
export function dueOffsetNs(k: number, intervalNs: number, burstSize = 1): number {
  if (k === 0) return 0;
  return (burstSize > 1 ? Math.floor(k / burstSize) * burstSize : k) * intervalNs;
}

/** ns between messages: 0 for unlimited (rate Infinity), Infinity when paused (rate 0). */
export function intervalNsFor(rate: number): number {
  if (!(rate >= 0)) throw new RangeError(`publish rate must be >= 0 msg/s (0 pauses, Infinity is unlimited), got ${rate}`);
  return rate === 0 ? Number.POSITIVE_INFINITY : 1e9 / rate;
}

export class Limiter {
  /** Index of the next message, from 0: also the number of messages taken so far. */
  next = 0;
  private anchorNs: number;
  private firstIndex = 0;
  private intervalNs: number;
  private readonly burstSize: number;

  constructor(rate: number, startNs: number, pacing: Pacing = { mode: "uniform" }) {
    this.intervalNs = intervalNsFor(rate);
    this.burstSize = pacing.mode === "bursty" ? Math.max(1, Math.floor(pacing.burstSize)) : 1;
    this.anchorNs = startNs;
  }

  /**
   * When the next message is due: its place in the schedule, `nowNs` when the
   * rate is unlimited, Infinity while paused. Due when <= nowNs.
   */
  nextIntendedNs(nowNs: number): number {
    if (this.intervalNs === 0) return nowNs;
    if (this.intervalNs === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    return this.anchorNs + dueOffsetNs(this.next - this.firstIndex, this.intervalNs, this.burstSize);
  }

  /** The next message was sent. */
  advance(): void {
    this.next++;
  }

  /**
   * Starts a new segment at the new rate. The next message keeps its place when
   * that is at most one new interval (one burst period) away; a sender that is
   * behind starts afresh at `nowNs` — its backlog is not sent as a catch-up burst
   * above the new rate — and a sender far ahead of a faster rate moves up.
   */
  setRate(rate: number, nowNs: number): void {
    const intervalNs = intervalNsFor(rate);
    const pending = this.nextIntendedNs(nowNs);
    const period = intervalNs === Number.POSITIVE_INFINITY ? 0 : intervalNs * this.burstSize;
    this.anchorNs = pending === Number.POSITIVE_INFINITY ? nowNs : Math.min(Math.max(pending, nowNs), nowNs + period);
    this.firstIndex = this.next;
    this.intervalNs = intervalNs;
  }
}
