// Several results side by side: who is who (letter, colour, workload ×
// driver × start time), then every headline figure with its change against
// the first result, coloured by whether it got better or worse.
import type { ResultFile } from "../../result/reader";
import type { SummaryRow } from "../summary-row";
import { formatChange, formatFigure } from "../format";
import { PALETTE } from "./charts";
import { FIGURES, type Figure } from "./figures";
import { esc, table } from "./markup";
import { statusBadge, verdictItems } from "./verdict";

export interface ComparedResult {
  letter: string;
  file: string;
  result: ResultFile;
  row: SummaryRow;
}

/** "quick-test × kafka-throughput (kafkajs) · 2026-12-02 05:01 UTC": what a legend calls a result. */
export function resultName(r: ResultFile): string {
  const client = r.omb?.driverConfig?.client ? ` (${r.omb.driverConfig.client})` : "";
  const at = r.omb ? ` · ${r.omb.startedAt.slice(0, 16).replace("T", " ")} UTC` : "";
  return `${r.workload} × ${r.driver}${client}${at}`;
}

export function legendTable(results: readonly ComparedResult[]): string {
  return table(results, [
    { head: "", cell: (c) => `<span class="swatch" style="background:${PALETTE[results.indexOf(c) % PALETTE.length]}"></span>${esc(c.letter)}` },
    { head: "workload × driver (client) · started", cell: (c) => esc(resultName(c.result)) },
    { head: "status", cell: (c) => statusBadge(c.result) },
    {
      head: "checks",
      cell: (c) => {
        const items = verdictItems(c.result);
        const failed = items.filter((i) => !i.ok).length;
        return items.length ? esc(failed ? `${failed} of ${items.length} failed` : `all ${items.length} ✓`) : "–";
      },
    },
    { head: "file", cell: (c) => `<code>${esc(c.file)}</code>` },
  ]);
}

function cell(figure: Figure, value: number | undefined, base: number | undefined, isBase: boolean): string {
  const text = esc(formatFigure(value, figure.unit));
  if (isBase || value === undefined || base === undefined) return text;
  const change = formatChange(value, base);
  const direction = value === base || !figure.better ? "" : (value > base) === (figure.better === "higher") ? " better" : " worse";
  return `${text}<span class="change${direction}">${esc(change)}</span>`;
}

export function comparisonTable(results: readonly ComparedResult[]): string {
  const figures = FIGURES.filter((f) => results.some((r) => f.pick(r.row) !== undefined));
  const header = `<tr><th>figure</th>${results.map((r, i) => `<th class="num">${esc(r.letter)}${i ? " (change vs A)" : ""}</th>`).join("")}</tr>`;
  const rows = figures.map((f) => {
    const base = f.pick(results[0]!.row);
    const cells = results.map((r, i) => `<td class="num">${cell(f, f.pick(r.row), base, i === 0)}</td>`);
    return `<tr><td>${esc(f.label)}</td>${cells.join("")}</tr>`;
  });
  return `<table class="comparison"><thead>${header}</thead><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}
