// Max-rate discovery (workload producerRate <= 0), after Java OMB's
// RateController: every control period compare what was published and received
// with what the rate asked for; ramp up while both keep up, back off to what
// was achieved when either side falls behind. Unlike Java OMB it counts each
// subscription's copy: a topic with S subscriptions must deliver S × sent.

export interface RateControllerOptions {
  subscriptionsPerTopic: number;
  /** Messages per subscription that may be sent but not yet received. */
  receiveBacklogLimit?: number;
  /** Messages the producers may lag behind the rate's schedule. */
  publishBacklogLimit?: number;
  minRampingFactor?: number;
  maxRampingFactor?: number;
}

/** Java OMB's first guess when no rate is given. */
export const DISCOVERY_START_RATE = 10_000;

export interface RateStep {
  rate: number;
  /** Why the rate changed, for the log. */
  reason: "ramp-up" | "publish-backlog" | "receive-backlog";
  publishBacklog: number;
  receiveBacklog: number;
}

export class RateController {
  private readonly subscriptions: number;
  private readonly receiveBacklogLimit: number;
  private readonly publishBacklogLimit: number;
  private readonly minRampingFactor: number;
  private readonly maxRampingFactor: number;
  private rampingFactor: number;
  private previousSent = 0;
  private previousReceived = 0;

  constructor(options: RateControllerOptions) {
    this.subscriptions = Math.max(1, options.subscriptionsPerTopic);
    this.receiveBacklogLimit = options.receiveBacklogLimit ?? 1_000;
    this.publishBacklogLimit = options.publishBacklogLimit ?? 1_000;
    this.minRampingFactor = options.minRampingFactor ?? 0.01;
    this.maxRampingFactor = options.maxRampingFactor ?? 1;
    this.rampingFactor = this.maxRampingFactor;
  }

  /** Counters are totals since load start; `received` sums all subscriptions. */
  next(rate: number, periodSeconds: number, totalSent: number, totalReceived: number): RateStep {
    const expected = rate * periodSeconds;
    const sent = totalSent - this.previousSent;
    const received = (totalReceived - this.previousReceived) / this.subscriptions;
    this.previousSent = totalSent;
    this.previousReceived = totalReceived;

    const receiveBacklog = totalSent - totalReceived / this.subscriptions;
    const publishBacklog = expected - sent;
    if (receiveBacklog > this.receiveBacklogLimit) {
      return { ...this.backOff(periodSeconds, received, expected, receiveBacklog), reason: "receive-backlog", publishBacklog, receiveBacklog };
    }
    if (publishBacklog > this.publishBacklogLimit) {
      return { ...this.backOff(periodSeconds, sent, expected, publishBacklog), reason: "publish-backlog", publishBacklog, receiveBacklog };
    }
    this.rampingFactor = Math.min(this.maxRampingFactor, this.rampingFactor * 2);
    return { rate: rate + rate * this.rampingFactor, reason: "ramp-up", publishBacklog, receiveBacklog };
  }

  private backOff(periodSeconds: number, actual: number, expected: number, backlog: number): { rate: number } {
    this.rampingFactor = Math.max(this.minRampingFactor, this.rampingFactor / 2);
    const actualRate = actual / periodSeconds;
    const catchUpRate = Math.max(0, expected - backlog) / periodSeconds;
    // Java OMB can fall to 0 here and never recover (0 + 0 × factor); keep a
    // tenth of what was achieved so the backlog drains and ramping resumes.
    return { rate: Math.max(1, actualRate * 0.1, Math.min(actualRate, catchUpRate)) };
  }
}
