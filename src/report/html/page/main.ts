/// <reference lib="dom" />
// The report page's script: turns each chart spec of the page's data into a
// uPlot chart (axes, legends and tooltips formatted as the tables are), and
// redraws when the page resizes, prints, or switches between dark and light.
// Bundled with uPlot into one inline script by assets.ts; fetches nothing.
import uPlot from "uplot";
import { formatClock, formatValue, ninesLabel } from "../../format";
import type { ChartSpec, PageData } from "../chart-spec";

const HEIGHT = 320;
/** Tick steps a reader counts in: seconds, then minutes, then hours. */
const CLOCK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400];
/** Powers of two, so that byte ticks land on round KiB, MiB, GiB. */
const BYTE_STEPS = Array.from({ length: 51 }, (_, i) => 2 ** i);

interface Theme {
  text: string;
  grid: string;
}

function theme(): Theme {
  const css = getComputedStyle(document.documentElement);
  return { text: css.getPropertyValue("--text").trim(), grid: css.getPropertyValue("--grid").trim() };
}

/** Powers of ten: the only grid lines of the nines axis. */
const isDecade = (v: number) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9;

/** 1, 2 and 5 of each decade: the grid lines of a log latency axis (the rest would be a thicket). */
const isRound = (v: number) => [1, 2, 5].some((m) => Math.abs(v / 10 ** Math.floor(Math.log10(v) + 1e-9) - m) < 1e-6);

/** Grid lines and ticks only where `keep` says (uPlot's own filter still thins the labels). */
function only(keep: (v: number) => boolean, t: Theme): Pick<uPlot.Axis, "grid" | "ticks"> {
  const filter = (_u: uPlot, splits: number[]) => splits.map((v) => (keep(v) ? v : null));
  return { grid: { stroke: t.grid, width: 1, filter }, ticks: { stroke: t.grid, width: 1, filter } };
}

function options(spec: ChartSpec, width: number, t: Theme): uPlot.Options {
  const axis = { stroke: t.text, grid: { stroke: t.grid, width: 1 }, ticks: { stroke: t.grid, width: 1 } };
  const formatX = spec.x === "time" ? formatClock : ninesLabel;
  const formatY = (v: number) => formatValue(v, spec.y.unit);
  return {
    width,
    height: HEIGHT,
    // Room on the right for the last x label.
    padding: [12, 32, null, null],
    scales: {
      x: spec.x === "time" ? { time: false } : { time: false, distr: 3, log: 10 },
      y: spec.y.log ? { distr: 3, log: 10 } : { range: (_u, min, max) => [Math.min(0, min), max > 0 ? max * 1.05 : 1] },
    },
    axes: [
      {
        ...axis,
        label: spec.x === "time" ? "time into the measured phase (m:ss)" : "percentile",
        ...(spec.x === "time" ? { incrs: CLOCK_STEPS } : {}),
        ...(spec.x === "nines" ? only(isDecade, t) : {}),
        values: (_u, splits) => splits.map((v) => (v === null || (spec.x === "nines" && !isDecade(v)) ? "" : formatX(v))),
      },
      {
        ...axis,
        label: spec.y.label,
        size: 80,
        ...(!spec.y.log && spec.y.unit.startsWith("bytes") ? { incrs: BYTE_STEPS } : {}),
        ...(spec.y.log ? only(isRound, t) : {}),
        values: (_u, splits) => splits.map((v) => (v === null || (spec.y.log && !isRound(v)) ? "" : formatY(v))),
      },
    ],
    series: [
      { label: spec.x === "time" ? "time" : "percentile", value: (_u, v) => (v === null ? "–" : formatX(v)) },
      ...spec.series.map(
        (s): uPlot.Series => ({
          label: s.label,
          stroke: s.color,
          width: 2,
          dash: s.dash,
          spanGaps: spec.tables.length > 1,
          points: { show: false },
          value: (_u, v) => formatValue(v, spec.y.unit),
          ...(s.step ? { paths: uPlot.paths.stepped!({ align: 1 }) } : {}),
        }),
      ),
    ],
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
  };
}

const page = JSON.parse(document.getElementById("omb-data")!.textContent!) as PageData;
const charts: { spec: ChartSpec; el: HTMLElement; plot?: uPlot }[] = page.charts.map((spec) => ({
  spec,
  el: document.getElementById(`chart-${spec.id}`)!,
}));

function draw(): void {
  const t = theme();
  for (const chart of charts) {
    chart.plot?.destroy();
    const data = chart.spec.tables.length === 1 ? chart.spec.tables[0]! : uPlot.join(chart.spec.tables as uPlot.AlignedData[]);
    chart.plot = new uPlot(options(chart.spec, chart.el.clientWidth, t), data as uPlot.AlignedData, chart.el);
  }
}

function resize(): void {
  for (const chart of charts) chart.plot?.setSize({ width: chart.el.clientWidth, height: HEIGHT });
}

draw();
new ResizeObserver(resize).observe(document.body);
// Colours come from the page's CSS, which follows the colour scheme and print.
for (const query of ["(prefers-color-scheme: dark)", "print"]) matchMedia(query).addEventListener("change", draw);
addEventListener("beforeprint", draw);
