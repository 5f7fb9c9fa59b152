import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { summarizeSystemSamples, systemSeries } from "./system-summary";
import { SystemMonitor } from "./system-monitor";
import type { SystemSample } from "./types";

const root = mkdtempSync(join(tmpdir(), "omb-sysmon-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeProc(dir: string, t: { user: number; idle: number; rx: number; tx: number; lo: number; sectors: number }) {
  mkdirSync(join(dir, "proc/net"), { recursive: true });
  writeFileSync(join(dir, "proc/stat"), `cpu  ${t.user} 0 0 ${t.idle} 0 0 0 0 0 0\ncpu0 1 2 3 4 5 6 7 8 9 10\n`);
  writeFileSync(
    join(dir, "proc/meminfo"),
    "MemTotal:       8000000 kB\nMemFree:         1000000 kB\nMemAvailable:    6000000 kB\n",
  );
  writeFileSync(
    join(dir, "proc/net/dev"),
    [
      "Inter-|   Receive                                                |  Transmit",
      " face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed",
      `    lo: ${t.lo} 10 0 0 0 0 0 0 ${t.lo} 10 0 0 0 0 0 0`,
      `  eth0: ${t.rx} 10 0 0 0 0 0 0 ${t.tx} 10 0 0 0 0 0 0`,
      "",
    ].join("\n"),
  );
  writeFileSync(
    join(dir, "proc/diskstats"),
    [
      `   8       0 sda 100 0 ${t.sectors} 0 100 0 ${2 * t.sectors} 0 0 0 0 0 0 0 0 0 0`,
      `   8       1 sda1 100 0 ${t.sectors} 0 100 0 ${2 * t.sectors} 0 0 0 0 0 0 0 0 0 0`,
      `   7       0 loop0 100 0 ${t.sectors} 0 100 0 ${t.sectors} 0 0 0 0 0 0 0 0 0 0`,
      "",
    ].join("\n"),
  );
}

describe("SystemMonitor", () => {
  test("computes CPU %, memory and per-second rates from /proc deltas", () => {
    const dir = join(root, "host");
    mkdirSync(join(dir, "sys/block/sda/device"), { recursive: true });
    mkdirSync(join(dir, "sys/block/loop0"), { recursive: true });
    writeProc(dir, { user: 1000, idle: 9000, rx: 1000, tx: 2000, lo: 500, sectors: 10 });
    let mono = 0;
    const monitor = new SystemMonitor({
      procRoot: join(dir, "proc"),
      sysRoot: join(dir, "sys"),
      monotonicMs: () => mono,
      wallClockMs: () => 1_700_000_000_000 + mono,
    });
    expect(monitor.sample()).toBeUndefined(); // baseline only
    writeProc(dir, { user: 1300, idle: 9700, rx: 5000, tx: 2000, lo: 2500, sectors: 30 });
    mono = 2000;
    const s = monitor.sample()!;
    expect(s).toMatchObject({
      at: 1_700_000_002_000,
      cpuPercent: 30,
      memoryTotalBytes: 8_000_000 * 1024,
      memoryUsedBytes: 2_000_000 * 1024,
      netRxBytesPerSec: 2000,
      netTxBytesPerSec: 0,
      loopbackRxBytesPerSec: 1000,
      loopbackTxBytesPerSec: 1000,
      // sda only: 20 sectors read, 40 written over 2 s (not sda1, not loop0).
      diskReadBytesPerSec: (20 * 512) / 2,
      diskWriteBytesPerSec: (40 * 512) / 2,
    });
    expect(s.unavailable).toBeUndefined();
    expect(s.processRssBytes).toBeGreaterThan(0);
    expect(monitor.drain()).toEqual([s]);
    expect(monitor.drain()).toEqual([]);
  });

  test("without /proc it gives zeros and names what it could not read, never throws", () => {
    const monitor = new SystemMonitor({ procRoot: join(root, "nowhere"), sysRoot: join(root, "nowhere") });
    monitor.sample();
    const s = monitor.sample()!;
    expect(s.cpuPercent).toBe(0);
    expect(s.memoryTotalBytes).toBe(0);
    expect(s.netRxBytesPerSec).toBe(0);
    expect(s.unavailable).toHaveLength(4);
    expect(s.unavailable![0]).toContain("nowhere/stat");
  });

  test("garbage in /proc files gives zeros, not NaN", () => {
    const dir = join(root, "garbage/proc");
    mkdirSync(join(dir, "net"), { recursive: true });
    for (const f of ["stat", "meminfo", "net/dev", "diskstats"]) writeFileSync(join(dir, f), "cpu x y z\nfoo: bar\n\n");
    const monitor = new SystemMonitor({ procRoot: dir });
    monitor.sample();
    const s = monitor.sample()!;
    const { at, processRssBytes, ...fromProc } = s;
    expect(fromProc).toEqual({
      cpuPercent: 0,
      memoryUsedBytes: 0,
      memoryTotalBytes: 0,
      netRxBytesPerSec: 0,
      netTxBytesPerSec: 0,
      diskReadBytesPerSec: 0,
      diskWriteBytesPerSec: 0,
      loopbackRxBytesPerSec: 0,
      loopbackTxBytesPerSec: 0,
    });
    expect(Number.isFinite(at) && Number.isFinite(processRssBytes)).toBe(true);
  });

  test("start samples on the real /proc every interval; stop ends it", async () => {
    const intervalMs = 50;
    const monitor = new SystemMonitor({ intervalMs });
    monitor.start();
    // start() only takes the baseline: every sample below comes from the interval.
    expect(monitor.drain()).toEqual([]);
    const samples: SystemSample[] = [];
    const deadline = performance.now() + 10_000;
    while (samples.length < 3 && performance.now() < deadline) {
      await Bun.sleep(intervalMs);
      samples.push(...monitor.drain());
    }
    monitor.stop();
    expect(samples.length).toBeGreaterThanOrEqual(3);
    for (const s of samples) {
      expect(s.memoryTotalBytes).toBeGreaterThan(0);
      expect(s.cpuPercent).toBeGreaterThanOrEqual(0);
      expect(s.cpuPercent).toBeLessThanOrEqual(100);
    }
    monitor.drain();
    // Timers of one interval fire in the order they were set: had stop() left the
    // monitor's timer running, it would fire before this one's third tick.
    await new Promise<void>((resolve) => {
      let ticks = 0;
      const witness = setInterval(() => {
        if (++ticks === 3) {
          clearInterval(witness);
          resolve();
        }
      }, intervalMs);
    });
    expect(monitor.drain()).toEqual([]);
  });
});

describe("summarizeSystemSamples", () => {
  test("min / avg / max / p95 per field", () => {
    const samples = Array.from({ length: 20 }, (_, i) => ({ at: i, cpuPercent: i + 1 }) as SystemSample);
    const summary = summarizeSystemSamples(samples);
    expect(summary.cpuPercent).toEqual({ min: 1, avg: 10.5, max: 20, p95: 19 });
    expect(summary.netRxBytesPerSec).toBeUndefined();
    expect(summarizeSystemSamples([])).toEqual({});
  });
});

describe("systemSeries", () => {
  test("column by column, rounded; a field no sample has is left out, one some lack is null there", () => {
    const samples = [
      { at: 1000, cpuPercent: 12.345, memoryUsedBytes: 1.6, loopbackRxBytesPerSec: 10.4 },
      { at: 2000, cpuPercent: 99.96, memoryUsedBytes: 2.4 },
    ] as SystemSample[];
    expect(systemSeries(samples)).toEqual({
      at: [1000, 2000],
      cpuPercent: [12.3, 100],
      memoryUsedBytes: [2, 2],
      loopbackRxBytesPerSec: [10, null],
    });
  });
});
