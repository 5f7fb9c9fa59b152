// A chart of the report, defined once for one result: what it draws from a
// result. The same definition draws one result or several overlaid (charts.ts).
import type { ChartSpec, Table } from "./chart-spec";
import type { ChartSource } from "./source";

/** Columns that share one x: x first, then one column per series. */
export interface Part {
  /** `reference`: a level to compare with (a target), drawn dashed. */
  series: { label: string; step?: boolean; reference?: boolean }[];
  columns: Table;
}

export interface ChartDef extends Pick<ChartSpec, "id" | "title" | "x" | "y"> {
  note?: string;
  /** This result's columns; none when it has no such data (the chart is then left out for it). */
  parts(source: ChartSource): Part[];
  /** A line about this result under the chart (e.g. how the backlog test went). */
  caption?(source: ChartSource): string | undefined;
}

/** True when a column holds at least one number. */
export const hasValues = (column: readonly (number | null)[]) => column.some((v) => v !== null);
