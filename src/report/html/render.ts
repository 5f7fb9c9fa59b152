// The HTML report: one self-contained file (styles, chart library, script and
// data inline; nothing fetched) for one result or a comparison of several.
// What a reader sees first: the title with the status, the checks ✓/✗, the
// headline figures (or the comparison table); then the charts; then the
// reconciliation and every detail of the run. Pure: same results, same page.
import assets from "omb:report-assets";
import { buildInfo } from "../../build-info";
import type { ResultFile } from "../../result/reader";
import { formatFigure, formatValue } from "../format";
import { summaryRow } from "../summary-row";
import type { ChartSpec, PageData } from "./chart-spec";
import { chartSpecs } from "./charts";
import { type ComparedResult, comparisonTable, legendTable, resultName } from "./comparison";
import { driverFields, reconciliationTable, runFacts, workersTable, workloadFields } from "./details";
import { FIGURES } from "./figures";
import { esc } from "./markup";
import { chartSource } from "./source";
import { checksList, statusBadge, verdictItems, verdictOf } from "./verdict";

export interface ReportInput {
  result: ResultFile;
  /** The file's name as the reader knows it. */
  file: string;
}

export function renderHtmlReport(inputs: readonly ReportInput[]): string {
  if (!inputs.length) throw new Error("renderHtmlReport: no results");
  const compared: ComparedResult[] = inputs.map((input, i) => ({
    ...input,
    letter: i < 26 ? String.fromCharCode(65 + i) : `R${i + 1}`,
    row: summaryRow(input.result, input.file),
  }));
  const charts = chartSpecs(compared.map((c) => ({ source: chartSource(c.result), letter: c.letter })));
  const single = compared.length === 1 ? compared[0]! : undefined;
  const title = single ? resultName(single.result) : `Comparison of ${compared.length} results`;
  const body = single ? singleTop(single) : comparisonTop(compared);
  return page(title, [body, chartsSection(charts), ...compared.map((c) => resultDetails(c, !single))].join("\n"), { charts });
}

function singleTop(c: ComparedResult): string {
  const r = c.result;
  const sub = r.omb
    ? `${esc(r.omb.testId)} · ${formatValue(r.omb.throughput.seconds, "s")} measured · ${esc(c.file)}`
    : `Java OMB result · ${esc(c.file)}`;
  const tiles = FIGURES.filter((f) => f.headline && f.pick(c.row) !== undefined).map(
    (f) => `<div class="figure"><div class="label">${esc(f.label)}</div><div class="value">${esc(formatFigure(f.pick(c.row), f.unit))}</div></div>`,
  );
  return [
    `<header><h1>${esc(resultName(r))} ${statusBadge(r)}</h1><p class="sub">${sub}</p></header>`,
    `<section id="verdict"><h2>Verdict</h2>${checksList(verdictItems(r))}${problems(r)}</section>`,
    `<section id="figures"><div class="figures">${tiles.join("")}</div></section>`,
  ].join("\n");
}

function comparisonTop(compared: ComparedResult[]): string {
  return [
    `<header><h1>Comparison of ${compared.length} results</h1><p class="sub">Changes are against A. Charts overlay the results: one colour per result, one dash per series.</p></header>`,
    `<section id="results"><h2>Results</h2>${legendTable(compared)}</section>`,
    `<section id="comparison"><h2>Headline figures</h2>${comparisonTable(compared)}</section>`,
  ].join("\n");
}

function problems(r: ResultFile): string {
  const list = [...(r.omb?.problems ?? []), ...(verdictOf(r)?.warnings.map((w) => w.message) ?? [])];
  return list.length ? `<ul class="problems">${list.map((p) => `<li>${esc(p)}</li>`).join("")}</ul>` : "";
}

function chartsSection(charts: ChartSpec[]): string {
  const figures = charts.map(
    (c) =>
      `<figure class="chart" id="figure-${c.id}"><h3>${esc(c.title)}</h3>${c.note ? `<p class="note">${esc(c.note)}</p>` : ""}` +
      `<div class="plot" id="chart-${c.id}"></div>${c.captions.map((t) => `<p class="caption">${esc(t)}</p>`).join("")}</figure>`,
  );
  const none = charts.length ? "" : `<p class="note">No chart: the results hold no measured period.</p>`;
  return `<section id="charts"><h2>Charts</h2><noscript><p class="note">The charts need JavaScript; every table reads without it.</p></noscript>${none}<div class="charts">\n${figures.join("\n")}\n</div></section>`;
}

function resultDetails(c: ComparedResult, overlaid: boolean): string {
  const r = c.result;
  // One result: each part is a section of the page; several: each result is one section.
  const h = overlaid ? "h3" : "h2";
  const parts = [`<section class="result" id="result-${c.letter}">`];
  if (overlaid) parts.push(`<h2>${esc(`${c.letter} · ${resultName(r)}`)} ${statusBadge(r)}</h2>`, checksList(verdictItems(r)), problems(r));
  if (r.omb) parts.push(`<${h}>Reconciliation per subscription</${h}>`, reconciliationTable(r.omb));
  parts.push(`<${h}>Run</${h}>`, runFacts(r, c.file));
  if (r.omb) parts.push(`<h3>Workers</h3>`, workersTable(r.omb.workers));
  parts.push(
    `<div class="columns"><div><h3>Workload</h3>${workloadFields(r)}</div><div><h3>Driver</h3>${driverFields(r)}</div></div>`,
    `</section>`,
  );
  return parts.join("\n");
}

/** JSON inside a script element: "<" escaped so no "</script>" in the data can end it. */
const scriptJson = (data: unknown) => JSON.stringify(data).replace(/</g, "\\u003c");

function page(title: string, body: string, data: PageData): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="omb ${esc(buildInfo.version)}">
<title>${esc(title)} · omb</title>
<link rel="icon" href="data:,">
<!-- ${esc(assets.notice)} -->
<style>${assets.css}</style>
</head>
<body>
<main>
${body}
<footer>Rendered by omb ${esc(buildInfo.version)} (commit ${esc(buildInfo.commit)}). Self-contained: this file fetches nothing. ${esc(assets.notice)}</footer>
</main>
<script type="application/json" id="omb-data">${scriptJson(data)}</script>
<script>${assets.script.replace(/<\/script/gi, "<\\/script")}</script>
</body>
</html>
`;
}
