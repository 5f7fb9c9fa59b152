// The report's figures and markup from results of real runs (fixtures/),
// without a browser: report.browser.test.ts opens the pages themselves.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResultFile } from "../../result/reader";
import type { ChartSpec } from "./chart-spec";
import { ninesX } from "../format";
import { chartSpecs } from "./charts";
import { quantilePoints } from "./latency-charts";
import { renderHtmlReport } from "./render";
import { chartSource } from "./source";
import { verdictItems } from "./verdict";

const fixture = (name: string) => JSON.parse(readFileSync(join(import.meta.dir, "fixtures", name), "utf8")) as ResultFile;
const single = fixture("run-2-workers-2000-msgs.json");
const compared = ["compare-a-1000-msgs.json", "compare-b-4000-msgs-latency-driver.json", "compare-c-max-rate.json"].map(fixture);

const specsOf = (...results: ResultFile[]) =>
  chartSpecs(results.map((result, i) => ({ source: chartSource(result), letter: String.fromCharCode(65 + i) })));
const chart = (specs: ChartSpec[], id: string) => {
  const found = specs.find((c) => c.id === id);
  if (!found) throw new Error(`no chart ${id} in ${specs.map((c) => c.id).join(", ")}`);
  return found;
};

describe("charts of one result", () => {
  const specs = specsOf(single);

  test("per-period percentiles read from the kept period histograms are Java OMB's per-period figures", () => {
    const latency = chart(specs, "publish-latency");
    expect(latency.series.map((s) => s.label)).toEqual(["p50", "p99", "p99.9", "max"]);
    const [, p50, p99, , max] = latency.tables[0]!;
    expect(p50).toEqual(single.publishLatency50pct);
    expect(p99).toEqual(single.publishLatency99pct);
    expect(max).toEqual(single.publishLatencyMax);
    // Publish delay: Java OMB keeps µs, the chart ms; a period whose p50 is 0 µs is drawn at the 1 µs floor.
    const [, delayP50, delayP99] = chart(specs, "publish-delay").tables[0]!;
    expect(delayP99).toEqual(single.publishDelayLatency99pct.map((us) => Math.max(us / 1000, 0.001)));
    expect(delayP50!.every((v) => v !== null && v >= 0.001)).toBe(true);
  });

  test("time axis: seconds since the first measured period began, one point per period", () => {
    const rates = chart(specs, "rates");
    const [time, publish, consume, target] = rates.tables[0]!;
    expect(time).toHaveLength(single.publishRate.length);
    expect(time![0]).toBeCloseTo(single.omb!.statsIntervalSeconds, 0);
    expect(time!.at(-1)).toBeCloseTo(single.omb!.throughput.seconds, 0);
    expect(publish).toEqual(single.publishRate);
    expect(consume).toEqual(single.consumeRate);
    expect(new Set(target)).toEqual(new Set([2000]));
    expect(rates.series.map((s) => [s.label, s.dash])).toEqual([["publish", undefined], ["consume", undefined], ["target", [2, 5]]]);
  });

  test("quantile curves: one per latency kind, percentiles increasing on the nines axis, without 100 %", () => {
    const q = chart(specs, "latency-quantiles");
    expect(q.series.map((s) => s.label)).toEqual(["publish", "from intended send", "publish delay", "end-to-end"]);
    for (const [x, y] of q.tables) {
      for (let i = 1; i < x!.length; i++) {
        expect(x![i]!).toBeGreaterThan(x![i - 1]!);
        expect(y![i]!).toBeGreaterThanOrEqual(y![i - 1]!);
      }
      expect(Number.isFinite(x!.at(-1)!)).toBe(true);
      // Thinned: a few hundred points, not Java OMB's thousands.
      expect(x!.length).toBeLessThan(400);
    }
    // Every point kept is a point of the stored quantile map (ms).
    const map = new Map(Object.entries(single.aggregatedPublishLatencyQuantiles).map(([p, v]) => [ninesX(Number(p)), v]));
    const [x, y] = q.tables[0]!;
    for (const [i, at] of x!.entries()) expect(y![i]).toBe(Math.max(map.get(at!)!, 0.001));
  });

  test("system charts: one part per worker, from its samples", () => {
    const cpu = chart(specs, "system-cpu");
    expect(cpu.series.map((s) => s.label)).toEqual(single.omb!.workers.map((w) => w.id.replace("http://", "")));
    expect(cpu.tables[0]![1]).toEqual(single.omb!.workers[0]!.systemSeries!.cpuPercent!);
    expect(specs.some((c) => c.id === "max-rate")).toBe(false);
  });

  test("quantile maps: unknown shapes give nothing, values below 1 µs sit on the floor", () => {
    expect(quantilePoints(undefined, 1)).toEqual({ x: [], y: [] });
    expect(quantilePoints({ "0.0": 0, "50.0": 2, "100.0": 9 }, 1)).toEqual({ x: [1, 2], y: [0.001, 2] });
  });
});

describe("charts of several results", () => {
  const specs = specsOf(...compared);

  test("one colour per result, one dash per series, legends lettered", () => {
    const latency = chart(specs, "publish-latency");
    expect(latency.tables).toHaveLength(3);
    expect(latency.series.map((s) => s.label).slice(0, 5)).toEqual(["A p50", "A p99", "A p99.9", "A max", "B p50"]);
    expect(new Set(latency.series.slice(0, 4).map((s) => s.color)).size).toBe(1);
    expect(new Set(latency.series.slice(0, 4).map((s) => JSON.stringify(s.dash))).size).toBe(4);
    expect(new Set(latency.series.map((s) => s.color)).size).toBe(3);
  });

  test("the max-rate run alone has the controller's trajectory, held between steps", () => {
    const maxRate = chart(specs, "max-rate");
    expect(maxRate.series.map((s) => s.label)).toEqual(["C controller target", "C publish", "C sustained"]);
    expect(maxRate.series[0]!.step).toBe(true);
    expect(maxRate.tables[0]![1]).toEqual(compared[2]!.omb!.maxRate!.history.map((h) => h.rate));
    expect(maxRate.captions).toEqual([expect.stringMatching(/^C: Max sustainable rate [\d,]+ msg\/s\. The line is the controller's trajectory\.$/)]);
  });
});

describe("the page", () => {
  test("one result: status and checks first, figures, charts, reconciliation, run details", () => {
    const html = renderHtmlReport([{ result: single, file: "run.json" }]);
    const order = ['id="verdict"', 'id="figures"', 'id="charts"', "Reconciliation per subscription", "<h2>Run</h2>", "<h3>Workers</h3>", "<h3>Workload</h3>", "<h3>Driver</h3>"];
    const at = order.map((s) => html.indexOf(s));
    expect(at.every((i) => i > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(html).toContain('<span class="status ok">ok</span>');
    expect(html).toContain('<span class="mark">✓</span>run completed on every worker');
    expect(html).toContain(`<div class="label">publish rate</div><div class="value">2,000 msg/s</div>`);
  });

  test("checks become name, ✓/✗ and detail items", () => {
    const failing: ResultFile = { ...single, omb: { ...single.omb!, status: "incomplete", problems: ["worker w1 lost: timeout"] } };
    expect(verdictItems(failing)[0]).toEqual({ name: "run incomplete", ok: false, detail: "worker w1 lost: timeout" });
    expect(verdictItems(single).find((i) => i.name.includes(" / "))).toMatchObject({ ok: true, detail: expect.stringMatching(/^\d+ acked, \d+ consumed, 0 lost$/) });
    const html = renderHtmlReport([{ result: failing, file: "bad.json" }]);
    expect(html).toContain('<span class="status bad">incomplete</span>');
    expect(html).toContain('<li class="bad"><span class="mark">✗</span>run incomplete <span class="detail">worker w1 lost: timeout</span></li>');
  });

  test("a comparison: the legend of results, and each headline figure with its change against A", () => {
    const html = renderHtmlReport(compared.map((result, i) => ({ result, file: `r${i}.json` })));
    expect(html).toContain("<h1>Comparison of 3 results</h1>");
    const b = compared[1]!;
    const a = compared[0]!;
    const change = ((b.omb!.throughput.publishRate - a.omb!.throughput.publishRate) / a.omb!.throughput.publishRate) * 100;
    expect(html).toContain(`<span class="change better">+${Math.round(change)} %</span>`);
    for (const letter of ["A", "B", "C"]) expect(html).toContain(`id="result-${letter}"`);
  });

  test("a Java OMB result (no omb block) draws what its fields hold and says what it lacks", () => {
    const { omb: _, ...java } = single;
    const specs = specsOf(java as ResultFile);
    expect(specs.map((c) => c.id)).toEqual(["rates", "latency-quantiles", "publish-latency", "publish-delay", "end-to-end-latency", "backlog", "errors"]);
    expect(chart(specs, "rates").tables[0]![0]).toEqual(single.publishRate.map((_, i) => (i + 1) * 10));
    expect(chart(specs, "publish-latency").tables[0]![2]).toEqual(single.publishLatency99pct);
    const html = renderHtmlReport([{ result: java as ResultFile, file: "java.json" }]);
    expect(html).toContain("No checks: this file has no omb block (a Java OMB result).");
  });

  test("data in the page cannot end its script element", () => {
    const sneaky: ResultFile = { ...single, omb: { ...single.omb!, workers: single.omb!.workers.map((w) => ({ ...w, id: "</script><b>x" })) } };
    const html = renderHtmlReport([{ result: sneaky, file: "x.json" }]);
    const data = html.slice(html.indexOf('<script type="application/json"'));
    expect(data.indexOf("</script>")).toBe(data.indexOf("</script>\n<script>"));
    expect(html).not.toContain("<b>x");
  });
});

/**
 * The fixture stretched to a 10-minute run on its 2 workers: its real measured periods
 * repeated into 60 periods of 10 s, its real system samples into 600 a worker.
 */
function tenMinutes(result: ResultFile): ResultFile {
  const omb = result.omb!;
  const measured = omb.periods.filter((p) => p.phase === "measured");
  const origin = measured[0]!.startedAt;
  const periods = Array.from({ length: 60 }, (_, i) => ({ ...measured[i % measured.length]!, startedAt: origin + i * 10_000, endedAt: origin + (i + 1) * 10_000 }));
  const stretched: Record<string, unknown> = { ...result };
  for (const [key, value] of Object.entries(result)) {
    if (Array.isArray(value)) stretched[key] = periods.map((_, i) => value[i % value.length]);
  }
  const workers = omb.workers.map((w) => {
    const series = w.systemSeries!;
    const n = series.at.length;
    const long = Object.fromEntries(Object.entries(series).map(([k, column]) => [k, Array.from({ length: 600 }, (_, i) => column![i % n])]));
    return { ...w, systemSeries: { ...long, at: Array.from({ length: 600 }, (_, i) => origin + i * 1000) } };
  });
  return { ...(stretched as unknown as ResultFile), omb: { ...omb, periods, workers } };
}

test("the HTML of a 10-minute run on 2 workers stays well under 2 MB", () => {
  const long = tenMinutes(single);
  expect(long.publishRate).toHaveLength(60);
  expect(long.omb!.workers.map((w) => w.systemSeries!.at.length)).toEqual([600, 600]);
  const bytes = Buffer.byteLength(renderHtmlReport([{ result: long, file: "ten-minutes.json" }]));
  const three = Buffer.byteLength(renderHtmlReport([long, long, long].map((result, i) => ({ result, file: `${i}.json` }))));
  console.log(`HTML of a 10-minute 2-worker run: ${(bytes / 1024).toFixed(0)} KiB; three compared: ${(three / 1024).toFixed(0)} KiB`);
  expect(bytes).toBeLessThan(2 * 1024 * 1024);
  expect(three).toBeLessThan(2 * 1024 * 1024);
});

