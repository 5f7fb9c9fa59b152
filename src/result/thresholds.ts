// Thresholds evaluated against a result (k6's idea): each one's measured value
// from the result's own figures — latencies from the stored cumulative
// histograms, so any percentile can be asked of an old result.
import { type Threshold, type ThresholdOperator, parseThreshold } from "../config/thresholds";
import { decodeHistogram } from "../stats/histogram";
import type { TestResult, ThresholdResult } from "./types";

export function evaluateThresholds(result: TestResult, texts: readonly string[]): ThresholdResult[] {
  return texts.map((text) => {
    const t = parseThreshold(text);
    if ("error" in t) return { threshold: text, ok: false, shown: t.error };
    const value = measure(result, t);
    if (value === undefined) return { threshold: t.text, ok: false, shown: `${t.metric}: not measured in this run` };
    return { threshold: t.text, ok: compare(value, t.operator, t.value), value, shown: show(t, value) };
  });
}

function compare(a: number, op: ThresholdOperator, b: number): boolean {
  switch (op) {
    case "<":
      return a < b;
    case "<=":
      return a <= b;
    case ">":
      return a > b;
    case ">=":
      return a >= b;
    case "==":
      return a === b;
    case "!=":
      return a !== b;
  }
}

const HISTOGRAM_OF = {
  publishLatency: "publishLatency",
  intendedPublishLatency: "intendedPublishLatency",
  publishDelay: "publishDelay",
  endToEndLatency: "endToEndLatency",
} as const;

/** The value in the threshold's unit (ms for times), or undefined when the run has none. */
function measure(result: TestResult, t: Threshold): number | undefined {
  const { omb } = result;
  switch (t.metric) {
    case "publishLatency":
    case "intendedPublishLatency":
    case "publishDelay":
    case "endToEndLatency": {
      const h = decodeHistogram(omb.histograms[HISTOGRAM_OF[t.metric]]);
      if (h.totalCount === 0) return undefined;
      const us = t.stat === "avg" ? h.mean : t.stat === "max" ? h.maxValue : t.stat === "min" ? h.minNonZeroValue : h.getValueAtPercentile(t.percentile!);
      return us / 1000;
    }
    case "publishRate":
      return omb.throughput.publishRate;
    case "consumeRate":
      return omb.throughput.consumeRate;
    case "errorRate": {
      const { acked, failed } = omb.reconciliation;
      return acked + failed > 0 ? failed / (acked + failed) : 0;
    }
    case "lost":
      return omb.reconciliation.lost;
    case "duplicated":
      return omb.reconciliation.duplicated;
    case "backlog":
      return result.backlog.length ? Math.max(...result.backlog) : undefined;
  }
}

function show(t: Threshold, value: number): string {
  switch (t.metric) {
    case "publishRate":
    case "consumeRate":
      return `${t.metric}=${value.toFixed(1)} msg/s`;
    case "errorRate":
      return `errorRate=${(value * 100).toFixed(3)} %`;
    case "lost":
    case "duplicated":
    case "backlog":
      return `${t.metric}=${value}`;
    default:
      return `${t.stat}=${value < 1 ? value.toFixed(3) : value.toFixed(1)} ms`;
  }
}
