import { describe, expect, test } from "bun:test";
import { period, sampleResult } from "../../test/support/fixtures";
import { periodFigures } from "../result/period";
import type { ResultFile } from "../result/reader";
import { csvFromRows } from "./csv";
import { markdownReport } from "./markdown";
import { periodLine } from "./period-line";
import { progressLine } from "./progress";
import { PLAIN } from "./style";
import { renderSummary } from "./summary";
import { summaryRow } from "./summary-row";

const figures = periodFigures(period({ messageSendErrors: 10, totalMessagesSent: 60_000, totalMessagesReceived: 100_000 }), 2, "measured");

test("the period line has Java OMB's shape, fields and padding, plus end-to-end latency", () => {
  expect(periodLine(figures)).toBe(
    "Pub rate  5000.0 msg/s /  4.9 MB/s | Pub err     1.0 err/s | Cons rate 10000.0 msg/s /  9.8 MB/s | Backlog: 20.0 K | " +
      "Pub Latency (ms) avg:  5.0 - 50%:  5.0 - 99%:  9.9 - 99.9%: 10.0 - Max: 10.0 | " +
      "Pub Delay Latency (us) avg: 250.5 - 50%: 250.0 - 99%: 495.0 - 99.9%: 500.0 - Max: 500.0 | " +
      "E2E Latency (ms) avg: 10.0 - 50%: 10.0 - 99%: 19.8 - 99.9%: 20.0 - Max: 20.0",
  );
});

test("progress line: phase, elapsed/total with a bar, current rates; cut to the terminal width", () => {
  const line = progressLine({ phase: "measured", elapsedSeconds: 10, totalSeconds: 20, latest: figures, targetRate: 5000 }, 200);
  expect(line).toBe("measured   00:10/00:20 [==========          ]  pub 5000 msg/s  cons 10000 msg/s  backlog 20.0 K  pub p99 9.90 ms  target 5000 msg/s");
  expect(progressLine({ phase: "readiness", elapsedSeconds: 0, totalSeconds: 60, targetRate: 0 })).toContain("00:00/01:00");
  expect(progressLine({ phase: "measured", elapsedSeconds: 10, totalSeconds: 20, latest: figures, targetRate: 5000 }, 30)).toHaveLength(30);
});

describe("console summary", () => {
  test("checks first (✓/✗), then figures; plain without colour", () => {
    const text = renderSummary(sampleResult(), PLAIN, { json: "results/a.json", beside: ["results/a.csv"] });
    expect(text).toContain("✓ run completed on every worker");
    expect(text).toContain("✓ omb-a-0 / omb-a-0-sub-0: 50000 acked, 50000 consumed, 0 lost");
    expect(text).toContain("target rate");
    expect(text).toContain("(achieved +0.0 %)");
    expect(text).toContain("results/a.json");
    expect(text).not.toContain("\x1b[");
  });

  test("the files written: the JSON with its CSV, and the HTML report on a line of its own", () => {
    const text = renderSummary(sampleResult(), PLAIN, { json: "results/a.json", beside: ["results/a.csv", "results/a.html"] });
    expect(text).toContain("  result ................ results/a.json  results/a.csv\n");
    expect(text).toContain("  html report ........... results/a.html\n");
  });

  test("a lost worker and lost messages are failed checks", () => {
    const bad = sampleResult({
      lost: new Map([["http://w1:1", "period stats: connection refused"]]),
      measuredCompleted: false,
      reconciliation: {
        subscriptions: [{ topic: "t", subscription: "s", acked: 10, consumed: 7, lost: 3, duplicated: 0, receivedAfterFailedSend: 0 }],
        acked: 10, failed: 0, lost: 3, duplicated: 0, duplicatesAllowed: false, duplicatesNote: "", clean: false, complete: false,
      },
      topicCleanup: { kept: false, deleted: [], leftovers: [{ name: "omb-a-0", error: "timeout" }], command: "omb topics delete --prefix omb-a- --yes" },
    });
    const text = renderSummary(bad, PLAIN);
    expect(text).toContain("✗ run incomplete: worker http://w1:1 lost: period stats: connection refused");
    expect(text).toContain("✗ t / s: 10 acked, 7 consumed, 3 lost");
    expect(text).toContain("LOST: period stats");
    expect(text).toContain("1 left; delete with: omb topics delete --prefix omb-a- --yes");
  });
});

describe("saved results", () => {
  const ours = JSON.parse(JSON.stringify(sampleResult())) as ResultFile;
  const javaOnly = { ...ours, omb: undefined, aggregatedPublishLatency99pct: 7.5 } as ResultFile;

  test("figures re-computed from the stored histograms; Java OMB files use their aggregated fields", () => {
    const row = summaryRow(ours, "a.json");
    expect(row.latencySource).toBe("histograms");
    expect(row.publishLatency.p99).toBe(ours.aggregatedPublishLatency99pct);
    const j = summaryRow(javaOnly, "java.json");
    expect(j.latencySource).toBe("aggregated fields");
    expect(j.publishLatency.p99).toBe(7.5);
    expect(j.status).toBe("(Java OMB result)");
  });

  test("markdown: one column per result", () => {
    const md = markdownReport([summaryRow(ours, "a.json"), summaryRow(javaOnly, "java.json")]);
    const lines = md.split("\n");
    expect(lines[0]).toBe("|  | acceptance-20250101-000000 | java.json |");
    expect(md).toContain("| publish latency p99 (ms) | 9.90 | 7.50 |");
    expect(md).toContain("| lost | 0 | – |");
    expect(md).toContain("aggregated fields used): java.json");
  });

  test("csv: Java OMB's ResultsToCsv columns first, then ours; values quoted when needed", () => {
    const rows = [summaryRow(ours, "a,b.json")];
    const [header, row] = csvFromRows(rows).trim().split("\n");
    expect(header!.startsWith("topics,partitions,message-size,producers-per-topic,consumers-per-topic,prod-rate-min,prod-rate-avg,prod-rate-std-dev,prod-rate-max,con-rate-min,con-rate-avg,con-rate-std-dev,con-rate-max,")).toBe(true);
    expect(row!.startsWith("2,4,1024,2,2,5000,5000,0,5000,10000,10000,0,10000,\"a,b.json\",acceptance-20250101-000000")).toBe(true);
    expect(header!.split(",").length).toBe(row!.match(/("[^"]*"|[^,]*)(,|$)/g)!.length - 1);
  });
});
