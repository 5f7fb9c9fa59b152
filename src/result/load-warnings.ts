// Warnings about what the figures measure (SPEC §9): a saturated load
// generator (`client-bound`) measures itself, not the cluster; clocks that
// differ between workers blur end-to-end latency measured across them.
// Warnings, not failures, unless the run is judged --strict.
import type { TestResult, VerdictWarning } from "./types";

/** Host CPU (avg over the measured phase) at or above this on a producing worker: the client may be the bottleneck. */
export const CLIENT_BOUND_CPU_PERCENT = 90;
/** Publish delay p50 at or above this (µs) and still growing at the end: the pacer falls behind its schedule. */
const DELAY_FLOOR_US = 10_000;
/** End-to-end clock uncertainty above this share of the e2e p50 is worth a warning. */
export const CLOCK_SHARE = 0.1;

export function loadWarnings(result: TestResult): VerdictWarning[] {
  return [...clientBound(result), ...clockOffset(result)];
}

function clientBound(result: TestResult): VerdictWarning[] {
  const out: VerdictWarning[] = [];
  for (const w of result.omb.workers) {
    const cpu = w.system?.cpuPercent;
    if (!w.roles.includes("producer") || !cpu || cpu.avg < CLIENT_BOUND_CPU_PERCENT) continue;
    out.push({
      id: "client-bound",
      message: `client-bound: worker ${w.id} at ${cpu.avg.toFixed(1)} % CPU (avg): these figures may measure the load generator, not the cluster; add workers or lower the rate`,
    });
  }
  const delay = result.publishDelayLatency50pct;
  if (delay.length >= 3) {
    const third = Math.max(1, Math.floor(delay.length / 3));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const early = mean(delay.slice(0, third));
    const late = mean(delay.slice(-third));
    if (late >= DELAY_FLOOR_US && late > 2 * early) {
      out.push({
        id: "client-bound",
        message: `client-bound: publish delay p50 grew from ${(early / 1000).toFixed(1)} ms to ${(late / 1000).toFixed(1)} ms: the producers could not send on schedule`,
      });
    }
  }
  return out;
}

/**
 * End-to-end latency is receive time on a consumer's worker minus send time on
 * a producer's: across two workers it is off by the offset between their
 * clocks, known to within the sum of the two uncertainties.
 */
function clockOffset(result: TestResult): VerdictWarning[] {
  const p50 = result.aggregatedEndToEndLatency50pct;
  const worst = e2eClockUncertainty(result);
  if (!worst || !(p50 > 0) || worst.error <= CLOCK_SHARE * p50) return [];
  return [
    {
      id: "clock-offset",
      message: `clock offset: end-to-end latency across ${worst.pair} is uncertain by up to ${worst.error.toFixed(2)} ms, over ${CLOCK_SHARE * 100} % of its p50 (${p50.toFixed(2)} ms); synchronise the hosts' clocks (NTP/PTP)`,
    },
  ];
}

/** The largest clock error of end-to-end latency between a producing and a consuming worker; undefined when none is measured across two. */
export function e2eClockUncertainty(result: TestResult): { error: number; pair: string } | undefined {
  const { omb } = result;
  if (!omb.clock?.length) return undefined;
  const byId = new Map(omb.clock.map((c) => [c.worker, c]));
  const producers = omb.workers.filter((w) => w.roles.includes("producer")).flatMap((w) => byId.get(w.id) ?? []);
  const consumers = omb.workers.filter((w) => w.roles.includes("consumer")).flatMap((w) => byId.get(w.id) ?? []);
  let worst: { error: number; pair: string } | undefined;
  for (const p of producers) {
    for (const c of consumers) {
      if (p.worker === c.worker) continue;
      const error = Math.abs(c.offsetMs - p.offsetMs) + p.uncertaintyMs + c.uncertaintyMs;
      if (!worst || error > worst.error) worst = { error, pair: `${p.worker} → ${c.worker}` };
    }
  }
  return worst;
}
