// One result as the charts read it: its measured periods on one time axis
// (seconds since the measured phase began). omb results carry their periods'
// times and histograms; Java OMB's files only the per-period series, whose
// periods are Java's fixed 10 s.
import type { ResultFile } from "../../result/reader";
import type { PeriodWindow } from "../../result/types";

export interface ChartSource {
  result: ResultFile;
  /** Wall clock (ms) of second 0: the start of the first measured period. */
  origin: number;
  /** The measured periods, when the result has omb's record of them. */
  periods?: PeriodWindow[];
  /** Seconds since `origin` at the end of each measured period. */
  time: number[];
  /** Length of each measured period, s. */
  seconds: number[];
}

const JAVA_PERIOD_SECONDS = 10;

export function chartSource(result: ResultFile): ChartSource {
  const count = result.publishRate.length;
  const measured = result.omb?.periods.filter((p) => p.phase === "measured");
  if (measured?.length) {
    const origin = measured[0]!.startedAt;
    const periods = measured.slice(0, count);
    return {
      result,
      origin,
      periods,
      time: periods.map((p) => (p.endedAt - origin) / 1000),
      seconds: periods.map((p) => Math.max(0.001, (p.endedAt - p.startedAt) / 1000)),
    };
  }
  const origin = result.omb ? Date.parse(result.omb.startedAt) : 0;
  return {
    result,
    origin,
    time: Array.from({ length: count }, (_, i) => (i + 1) * JAVA_PERIOD_SECONDS),
    seconds: Array.from({ length: count }, () => JAVA_PERIOD_SECONDS),
  };
}

/** A Java OMB series by field name (absent or short series give nulls). */
export function javaSeries(source: ChartSource, field: string): (number | null)[] {
  const values = (source.result as unknown as Record<string, unknown>)[field];
  const list = Array.isArray(values) ? values : [];
  return source.time.map((_, i) => (typeof list[i] === "number" ? (list[i] as number) : null));
}
