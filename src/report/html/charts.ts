// Every chart of the report for one result or several: each definition's
// columns per result, coloured one colour per series (one result) or one
// colour per result with a dash per series (several results overlaid).
import type { ChartSpec, SeriesSpec } from "./chart-spec";
import { type ChartDef, hasValues } from "./chart-def";
import { latencyOverTimeCharts, quantileChart } from "./latency-charts";
import { backlogChart, errorsChart, maxRateChart, ratesChart, throughputChart } from "./load-charts";
import type { ChartSource } from "./source";
import { systemCharts } from "./system-charts";

/** Okabe–Ito's colour-blind-safe colours (the blue lightened to read on dark too). */
export const PALETTE = ["#1F78C8", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#8C8C8C", "#F0E442"];
const DASHES: (number[] | undefined)[] = [undefined, [10, 4], [12, 4, 3, 4], [6, 6], [16, 6]];
/** Targets and other levels to compare with: dotted, unlike any measured series. */
const REFERENCE_DASH = [2, 5];
const dash = (d: number[] | undefined) => (d ? { dash: d } : {});

/** The order a reader looks: load, then latency, then what explains it. */
const CHARTS: ChartDef[] = [
  ratesChart,
  throughputChart,
  quantileChart,
  ...latencyOverTimeCharts,
  backlogChart,
  errorsChart,
  maxRateChart,
  ...systemCharts,
];

export interface LabelledSource {
  source: ChartSource;
  /** "A", "B", …: how a comparison's legends name the result. */
  letter: string;
}

export function chartSpecs(results: LabelledSource[]): ChartSpec[] {
  const overlaid = results.length > 1;
  return CHARTS.flatMap((def) => {
    const series: SeriesSpec[] = [];
    const tables: ChartSpec["tables"] = [];
    const captions: string[] = [];
    for (const [k, { source, letter }] of results.entries()) {
      const parts = def.parts(source).filter((p) => p.columns.slice(1).some(hasValues));
      // i counts this result's series (its colours, alone); d its measured ones (their dashes, overlaid).
      let i = 0;
      let d = 0;
      for (const part of parts) {
        tables.push(part.columns);
        for (const s of part.series) {
          series.push({
            label: overlaid ? `${letter} ${s.label}` : s.label,
            color: PALETTE[(overlaid ? k : i) % PALETTE.length]!,
            ...dash(s.reference ? REFERENCE_DASH : overlaid ? DASHES[d++ % DASHES.length] : undefined),
            ...(s.step ? { step: true } : {}),
          });
          i++;
        }
      }
      const caption = def.caption?.(source);
      if (caption) captions.push(overlaid ? `${letter}: ${caption}` : caption);
    }
    if (!tables.length) return [];
    return [{ id: def.id, title: def.title, note: def.note, captions, x: def.x, y: def.y, series, tables }];
  });
}
