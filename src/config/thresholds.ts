// Thresholds, as k6 writes them: `publishLatency.p99<50ms`. Parsed here (config
// layer) so that `omb validate`, the run flags and `omb report` share one
// grammar; result/thresholds.ts evaluates them against a result.

/** What a threshold may be about, and the unit its values are compared in. */
export const THRESHOLD_METRICS = {
  publishLatency: "time",
  intendedPublishLatency: "time",
  publishDelay: "time",
  endToEndLatency: "time",
  publishRate: "rate",
  consumeRate: "rate",
  errorRate: "ratio",
  lost: "count",
  duplicated: "count",
  backlog: "count",
} as const;

export type ThresholdMetric = keyof typeof THRESHOLD_METRICS;
export type ThresholdOperator = "<" | "<=" | ">" | ">=" | "==" | "!=";

export interface Threshold {
  /** As written, for the summary. */
  text: string;
  metric: ThresholdMetric;
  /** "avg", "max", "min", or a percentile "p<N>" (`p99`, `p99.9`, `p(99.9)`); rates and counts have none. */
  stat?: string;
  /** The percentile of a "p" stat, 0..100. */
  percentile?: number;
  operator: ThresholdOperator;
  /** In ms for times, msg/s for rates, a fraction for errorRate, messages for counts. */
  value: number;
}

const TIME_UNITS: Record<string, number> = { us: 0.001, µs: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const SHAPE = /^\s*([A-Za-z]+)(?:\.([A-Za-z0-9().]+))?\s*(<=|>=|==|!=|<|>)\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*([A-Za-zµ%]*)\s*$/;
export const THRESHOLD_EXAMPLE = "publishLatency.p99<50ms";

/** A threshold, or the reason it cannot be one (said so a user can fix it). */
export function parseThreshold(text: string): Threshold | { error: string } {
  const m = SHAPE.exec(text);
  if (!m) return { error: `"${text}" is not a threshold: write METRIC[.STAT]<VALUE[UNIT]>, e.g. ${THRESHOLD_EXAMPLE}` };
  const [, name, stat, operator, number, unit] = m as unknown as [string, string, string | undefined, ThresholdOperator, string, string];
  if (!(name in THRESHOLD_METRICS)) return { error: `"${text}": unknown metric ${name}; one of ${Object.keys(THRESHOLD_METRICS).join(", ")}` };
  const metric = name as ThresholdMetric;
  const kind = THRESHOLD_METRICS[metric];
  const base = { text: text.trim(), metric, operator };
  if (kind === "time") {
    const s = stat ?? "avg";
    const percentile = percentileOf(s);
    if (s !== "avg" && s !== "max" && s !== "min" && percentile === undefined) {
      return { error: `"${text}": ${metric} has no statistic ${s}; use avg, min, max or a percentile such as p99, p99.9` };
    }
    const scale = TIME_UNITS[unit || "ms"];
    if (scale === undefined) return { error: `"${text}": unit ${unit} is not a time; use us, ms, s, m or h` };
    return { ...base, stat: s, ...(percentile !== undefined ? { percentile } : {}), value: Number(number) * scale };
  }
  if (stat !== undefined) return { error: `"${text}": ${metric} has no statistics (.${stat}); write e.g. ${metric}${kind === "count" ? "==0" : ">1000"}` };
  if (kind === "ratio") {
    if (unit !== "" && unit !== "%") return { error: `"${text}": errorRate is a fraction (0.01) or a percentage (1%), not ${unit}` };
    return { ...base, value: Number(number) / (unit === "%" ? 100 : 1) };
  }
  if (unit !== "") return { error: `"${text}": ${metric} is ${kind === "rate" ? "in msg/s" : "a message count"}; write the number without a unit` };
  return { ...base, value: Number(number) };
}

/** p99 → 99, p999 → 99.9 (Java OMB's 999pct), p99.9 and p(99.9) → 99.9. */
function percentileOf(stat: string): number | undefined {
  const m = /^p\(?(\d+(?:\.\d+)?)\)?$/.exec(stat);
  if (!m) return undefined;
  const digits = m[1]!;
  const value = digits.includes(".") || digits.length <= 2 ? Number(digits) : Number(`${digits.slice(0, 2)}.${digits.slice(2)}`);
  return value > 0 && value <= 100 ? value : undefined;
}

/** Every threshold of a list, and every problem with their positions (0-based). */
export function parseThresholds(texts: readonly string[]): { thresholds: Threshold[]; problems: { index: number; error: string }[] } {
  const thresholds: Threshold[] = [];
  const problems: { index: number; error: string }[] = [];
  texts.forEach((text, index) => {
    const t = parseThreshold(text);
    if ("error" in t) problems.push({ index, error: t.error });
    else thresholds.push(t);
  });
  return { thresholds, problems };
}
