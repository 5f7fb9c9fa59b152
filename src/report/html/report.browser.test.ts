// The HTML report as a reader gets it: `omb report --html` over results of
// real runs (fixtures/), opened in a real headless Chromium (Debian's, through
// the DevTools protocol; nothing downloads a browser). Nothing may leave the
// page, nothing may log an error, and every chart must be drawn with its
// series. Screenshots go to .test-output/ for a person to look at.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import type { PageData } from "./chart-spec";

const ROOT = join(import.meta.dir, "..", "..", "..");
const OUT = join(ROOT, ".test-output");
const FIXTURES = join(import.meta.dir, "fixtures");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium; bash .ci/run does), or set CHROMIUM_PATH`);
  }
  mkdirSync(OUT, { recursive: true });
  // Root in CI containers: Chromium's sandbox needs user namespaces it does not get there.
  browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox"] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Renders the fixtures with the CLI, as a user would, into .test-output/<name>.html. */
function renderWithCli(name: string, fixtures: string[]): string {
  const out = join(OUT, `${name}.html`);
  const args = [process.execPath, "src/cli/main.ts", "report", "--html", out, ...fixtures.map((f) => join(FIXTURES, f))];
  const run = Bun.spawnSync(args, { cwd: ROOT, stdout: "pipe", stderr: "pipe", env: { ...process.env, NO_COLOR: "1" } });
  if (run.exitCode !== 0) throw new Error(`omb report failed (${run.exitCode}):\n${run.stderr.toString()}`);
  return out;
}

interface Opened {
  page: Page;
  /** Every request other than the report file itself: must stay empty. */
  requests: string[];
  errors: string[];
  data: PageData;
}

async function open(file: string, scheme: "light" | "dark" = "light"): Promise<Opened> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 1000 });
  await page.emulateMediaFeatures([{ name: "prefers-color-scheme", value: scheme }]);
  const url = `file://${file}`;
  const requests: string[] = [];
  const errors: string[] = [];
  await page.setRequestInterception(true);
  page.on("request", (request) => {
    if (request.url() === url && request.isNavigationRequest()) return void request.continue();
    requests.push(request.url());
    void request.abort();
  });
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.goto(url, { waitUntil: "load" });
  const data = JSON.parse(await page.$eval("#omb-data", (el) => el.textContent ?? "")) as PageData;
  return { page, requests, errors, data };
}

interface DrawnChart {
  id: string;
  legendSeries: number;
  canvas: { width: number; height: number };
  /** Pixels of the canvas in one of the chart's series colours. */
  seriesPixels: number;
}

/** What each chart element holds once the page script ran: its legend, its canvas, and series-coloured pixels on it. */
async function drawnCharts(page: Page, data: PageData): Promise<DrawnChart[]> {
  const charts = data.charts.map((c) => ({ id: c.id, colors: [...new Set(c.series.map((s) => s.color))] }));
  return page.evaluate((charts) => {
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return charts.map(({ id, colors }) => {
      const root = document.getElementById(`chart-${id}`);
      const canvas = root?.querySelector("canvas");
      let seriesPixels = 0;
      if (canvas && canvas.width && canvas.height) {
        const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        const wanted = colors.map(rgb);
        for (let i = 0; i < pixels.length; i += 4) {
          if (pixels[i + 3]! < 200) continue;
          if (wanted.some(([r, g, b]) => Math.abs(pixels[i]! - r!) + Math.abs(pixels[i + 1]! - g!) + Math.abs(pixels[i + 2]! - b!) < 24)) seriesPixels++;
        }
      }
      return {
        id,
        // uPlot's legend has one row for x, then one per series.
        legendSeries: Math.max(0, (root?.querySelectorAll(".u-legend .u-series").length ?? 0) - 1),
        canvas: { width: canvas?.width ?? 0, height: canvas?.height ?? 0 },
        seriesPixels,
      };
    });
  }, charts);
}

async function expectDrawn(opened: Opened, expected: Record<string, number>): Promise<void> {
  expect(opened.requests).toEqual([]);
  expect(opened.errors).toEqual([]);
  expect(opened.data.charts.map((c) => c.id)).toEqual(Object.keys(expected));
  const drawn = await drawnCharts(opened.page, opened.data);
  for (const chart of drawn) {
    expect({ id: chart.id, series: chart.legendSeries }).toEqual({ id: chart.id, series: expected[chart.id]! });
    expect(chart.canvas.width).toBeGreaterThan(400);
    expect(chart.canvas.height).toBeGreaterThan(200);
    // A drawn line is many pixels; axes and grid are never in a series colour.
    expect({ id: chart.id, drawn: chart.seriesPixels > 50 }).toEqual({ id: chart.id, drawn: true });
  }
  // Every series the legend names has numbers to draw.
  for (const chart of opened.data.charts) {
    const columns = chart.tables.flatMap((t) => t.slice(1));
    expect(columns).toHaveLength(chart.series.length);
    for (const column of columns) expect(column.some((v) => v !== null)).toBe(true);
  }
}

describe("HTML report in Chromium", () => {
  // The single-result fixture: a fixed-rate run on two local workers (one producing, one consuming),
  // whose system samples carry loopback traffic; no publish errors, no rate discovery.
  const SINGLE: Record<string, number> = {
    rates: 3, // publish, consume, target
    throughput: 2,
    "latency-quantiles": 4, // publish, from intended send, publish delay, end-to-end
    "publish-latency": 4, // p50, p99, p99.9, max
    "intended-publish-latency": 4,
    "publish-delay": 4,
    "end-to-end-latency": 4,
    backlog: 1,
    errors: 1, // all (no error types)
    "system-cpu": 2, // one per worker
    "system-memory": 4, // host and omb's own, per worker
    "system-network": 8, // rx, tx, loopback rx, loopback tx, per worker
    "system-disk": 4, // read, write, per worker
  };

  test("one result: nothing fetched, no console error, every chart drawn; screenshots light and dark", async () => {
    const file = renderWithCli("report-single", ["run-2-workers-2000-msgs.json"]);
    // Nothing that could point anywhere: no script or style by address, no url() in the CSS.
    const html = readFileSync(file, "utf8");
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/i);
    expect(html).not.toContain("url(");
    const light = await open(file);
    await expectDrawn(light, SINGLE);
    // What a reader sees first: the title with the status, then the checks.
    expect(await light.page.$eval("h1", (h) => h.textContent)).toBe("quick-test × kafka-throughput (kafkajs) · 2026-12-02 05:16 UTC ok");
    // Every check of the verdict passed: workers, send errors, target rate, consumers kept up, the subscription.
    expect(await light.page.$$eval("ul.checks li.ok", (items) => items.length)).toBe(5);
    await light.page.screenshot({ path: join(OUT, "report-single.png"), fullPage: true });
    // On paper: light colours, one chart per row, redrawn for the page width.
    await light.page.emulateMediaType("print");
    await light.page.screenshot({ path: join(OUT, "report-single-print.png"), fullPage: true });
    expect(light.errors).toEqual([]);
    // Closed before the next page opens: a tab in the background draws no frame, and a screenshot of it waits for one.
    await light.page.close();

    const dark = await open(file, "dark");
    await expectDrawn(dark, SINGLE);
    const background = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(21, 24, 30)");
    await dark.page.screenshot({ path: join(OUT, "report-single-dark.png"), fullPage: true });
    await dark.page.close();
  }, 60_000);

  test("three results compared: overlaid charts, one colour per result; nothing fetched, no console error", async () => {
    const fixtures = ["compare-a-1000-msgs.json", "compare-b-4000-msgs-latency-driver.json", "compare-c-max-rate.json"];
    const file = renderWithCli("report-comparison", fixtures);
    const opened = await open(file);
    // Three of each single-result chart, except: A and B ran at a fixed rate (a target line each),
    // C searched for the maximum rate (no target; its own chart).
    const three = (n: number) => 3 * n;
    await expectDrawn(opened, {
      rates: 3 + 3 + 2,
      throughput: three(2),
      "latency-quantiles": three(4),
      "publish-latency": three(4),
      "intended-publish-latency": three(4),
      "publish-delay": three(4),
      "end-to-end-latency": three(4),
      backlog: three(1),
      errors: three(1),
      "max-rate": 3, // C's controller target, publish, sustained
      "system-cpu": three(2),
      "system-memory": three(4),
      "system-network": three(8),
      "system-disk": three(4),
    });
    for (const chart of opened.data.charts) {
      const colors = new Set(chart.series.map((s) => s.color));
      expect({ id: chart.id, colors: colors.size }).toEqual({ id: chart.id, colors: chart.id === "max-rate" ? 1 : 3 });
    }
    const header = await opened.page.$$eval("table.comparison thead th", (cells) => cells.map((c) => c.textContent));
    expect(header).toEqual(["figure", "A", "B (change vs A)", "C (change vs A)"]);
    await opened.page.screenshot({ path: join(OUT, "report-comparison.png"), fullPage: true });
    await opened.page.close();
  }, 60_000);

});
