// Prometheus text from counters and merged cumulative histograms.
import { expect, test } from "bun:test";
import { createHistogram, encodeHistogram } from "../../stats/histogram";
import { ScrapeRates, renderMetrics } from "./metrics";

test("renders counters, quantiles in seconds, state and children", () => {
  const h = createHistogram();
  for (let us = 1_000; us <= 100_000; us += 1_000) h.recordValue(us);
  const empty = encodeHistogram(createHistogram());
  const text = renderMetrics({
    workerId: 'w"1',
    state: "running",
    counters: { messagesSent: 10, messageSendErrors: 1, messagesReceived: 9, probesReceived: 2 },
    rates: { publish: 5.5, consume: 4, errors: 0 },
    latencies: { publishLatency: encodeHistogram(h), publishDelay: empty, intendedPublishLatency: empty, endToEndLatency: empty },
    children: { alive: 1, crashed: 1 },
    processRssBytes: 1234,
  });
  expect(text).toContain('omb_messages_sent_total{worker="w\\"1"} 10\n');
  expect(text).toContain('omb_publish_rate{worker="w\\"1"} 5.5\n');
  expect(text).toMatch(/omb_publish_latency_seconds\{worker="w\\"1",quantile="0.5"\} 0.05\d*\n/);
  expect(text).toContain('omb_publish_latency_seconds_count{worker="w\\"1"} 100\n');
  expect(text).not.toContain('omb_publish_delay_seconds{worker="w\\"1",quantile');
  expect(text).toContain('omb_publish_delay_seconds_count{worker="w\\"1"} 0\n');
  expect(text).toContain('omb_worker_state{worker="w\\"1",state="running"} 1\n');
  expect(text).toContain('omb_worker_children{worker="w\\"1",status="crashed"} 1\n');
  expect(text).not.toContain("omb_system_cpu_percent");
  // Every sample line is "name{labels} number".
  for (const line of text.trim().split("\n").filter((l) => !l.startsWith("#"))) {
    expect(line).toMatch(/^[a-z_]+\{[^}]*\} (-?[\d.e+-]+|NaN|[+-]Inf)$/);
  }
});

test("rates come from counter deltas between scrapes", () => {
  const rates = new ScrapeRates();
  const c = (sent: number, received: number) => ({ messagesSent: sent, messageSendErrors: 0, messagesReceived: received, probesReceived: 0 });
  expect(rates.next(c(0, 0), 0)).toBeUndefined();
  expect(rates.next(c(2_000, 1_000), 2_000)).toEqual({ publish: 1_000, consume: 500, errors: 0 });
  // A new run restarts the counters: no rate for that scrape.
  expect(rates.next(c(10, 10), 3_000)).toBeUndefined();
});
