// What the report hands its page script: each chart as titles, axes and
// series, with the numbers already computed from the results. The page only
// turns these into uPlot charts (page/main.ts); no figure is derived there.
import type { Unit } from "../format";

export interface SeriesSpec {
  label: string;
  color: string;
  /** Canvas line dash (px on, px off); solid when absent. */
  dash?: number[];
  /** Held until the next point (a rate the controller set), not interpolated. */
  step?: boolean;
}

/** Columns of one result: x first, then one column per series of that result. */
export type Table = (number | null)[][];

export interface ChartSpec {
  id: string;
  title: string;
  /** One line under the title: what is drawn and from what. */
  note?: string;
  /** Lines under the chart about particular results. */
  captions: string[];
  /** "time": seconds since the measured phase began; "nines": percentile as 1 / (1 − p), log. */
  x: "time" | "nines";
  y: { label: string; unit: Unit; log?: boolean };
  series: SeriesSpec[];
  /** One table per result drawn; their series follow one another in `series`. */
  tables: Table[];
}

export interface PageData {
  charts: ChartSpec[];
}
