// The one answer of a max-rate run, with the rule that gives it: the highest
// publish rate held for HELD_PERIODS consecutive measured periods in which
// every subscription kept up and the backlog stayed under one second of that
// rate. The controller's trajectory is kept beside it (MaxRateDiscovery.history);
// the answer is a fact of the measured periods, not of where the controller ended.
import type { PeriodFigures } from "./period";

export const HELD_PERIODS = 3;
/** A held period's consumers got at least this share of what was published (per subscription). */
const KEPT_UP_SHARE = 0.98;

export interface MaxRateAnswer {
  /** msg/s; 0 when no run of periods qualified. */
  rate: number;
  rule: string;
  /** Indices (among the measured periods) of the first and last period of the answer's run. */
  periods?: [number, number];
}

export function maxRateAnswer(measured: readonly PeriodFigures[], subscriptionsPerTopic: number): MaxRateAnswer {
  const n = Math.min(HELD_PERIODS, measured.length);
  const rule =
    `the highest publish rate held for ${n} consecutive periods with every subscription keeping up ` +
    `(≥ ${KEPT_UP_SHARE * 100} % consumed) and the backlog under 1 s of that rate`;
  const held = measured.map((p) => {
    const perSubscription = subscriptionsPerTopic > 0 ? p.consumeRate / subscriptionsPerTopic : p.publishRate;
    return p.publishRate > 0 && perSubscription >= KEPT_UP_SHARE * p.publishRate && p.backlog <= Math.max(1, subscriptionsPerTopic) * p.publishRate;
  });
  let best: MaxRateAnswer = { rate: 0, rule };
  for (let i = 0; n > 0 && i + n <= measured.length; i++) {
    if (!held.slice(i, i + n).every(Boolean)) continue;
    const rate = Math.min(...measured.slice(i, i + n).map((p) => p.publishRate));
    if (rate > best.rate) best = { rate, rule, periods: [i, i + n - 1] };
  }
  return best;
}
