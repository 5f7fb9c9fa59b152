// Host load while a benchmark runs, sampled once a second from /proc: CPU %,
// memory, this process's RSS, network and disk bytes/s. Network traffic is
// split into non-loopback (netRx/netTx) and loopback, since on a single-host lab
// everything goes over lo. Disk counts whole physical disks only (partitions,
// loop, dm and md devices would count the same bytes twice). Never throws: a
// file that cannot be read gives zeros and is named in `unavailable`.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import type { SystemSample } from "./types";

export interface SystemMonitorOptions {
  /** Default 1000. */
  intervalMs?: number;
  /** Default "/proc"; tests point it at fixtures. */
  procRoot?: string;
  /** Default "/sys"; used to tell whole disks from partitions. */
  sysRoot?: string;
  /** Wall clock for `at`, ms. */
  wallClockMs?: () => number;
  /** Monotonic clock for rates, ms. */
  monotonicMs?: () => number;
}

interface Reading {
  atMs: number;
  cpuTotal: number;
  cpuIdle: number;
  netRx: number;
  netTx: number;
  loRx: number;
  loTx: number;
  diskReadBytes: number;
  diskWriteBytes: number;
}

export class SystemMonitor {
  private readonly intervalMs: number;
  private readonly procRoot: string;
  private readonly wallClockMs: () => number;
  private readonly monotonicMs: () => number;
  private readonly isWholeDisk: (name: string) => boolean;
  private previous: Reading | undefined;
  private samples: SystemSample[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(options: SystemMonitorOptions = {}) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.procRoot = options.procRoot ?? "/proc";
    this.wallClockMs = options.wallClockMs ?? Date.now;
    this.monotonicMs = options.monotonicMs ?? (() => performance.now());
    this.isWholeDisk = wholeDiskTest(options.sysRoot ?? "/sys");
  }

  /** Takes a baseline now and a sample every interval until stop(). */
  start(): void {
    if (this.timer) return;
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The samples taken since the last drain. */
  drain(): SystemSample[] {
    const samples = this.samples;
    this.samples = [];
    return samples;
  }

  /** Reads /proc once; keeps (and returns) a sample when there is an earlier reading to compare with. */
  sample(): SystemSample | undefined {
    const unavailable: string[] = [];
    const read = (file: string): string => {
      try {
        return readFileSync(`${this.procRoot}/${file}`, "utf8");
      } catch {
        unavailable.push(`${this.procRoot}/${file}`);
        return "";
      }
    };
    const cpu = parseCpu(read("stat"));
    const memory = parseMemory(read("meminfo"));
    const net = parseNet(read("net/dev"));
    const disk = parseDisk(read("diskstats"), this.isWholeDisk);
    const reading: Reading = { atMs: this.monotonicMs(), ...cpu, ...net, ...disk };
    const previous = this.previous;
    this.previous = reading;
    if (!previous) return undefined;

    const seconds = (reading.atMs - previous.atMs) / 1000;
    const perSecond = (key: keyof Reading) =>
      seconds > 0 ? Math.max(0, reading[key] - previous[key]) / seconds : 0;
    const cpuTotal = reading.cpuTotal - previous.cpuTotal;
    const cpuBusy = cpuTotal - (reading.cpuIdle - previous.cpuIdle);
    const sample: SystemSample = {
      at: this.wallClockMs(),
      cpuPercent: cpuTotal > 0 ? Math.min(100, Math.max(0, (cpuBusy / cpuTotal) * 100)) : 0,
      memoryUsedBytes: memory.usedBytes,
      memoryTotalBytes: memory.totalBytes,
      processRssBytes: process.memoryUsage.rss(),
      netRxBytesPerSec: perSecond("netRx"),
      netTxBytesPerSec: perSecond("netTx"),
      diskReadBytesPerSec: perSecond("diskReadBytes"),
      diskWriteBytesPerSec: perSecond("diskWriteBytes"),
      loopbackRxBytesPerSec: perSecond("loRx"),
      loopbackTxBytesPerSec: perSecond("loTx"),
    };
    if (unavailable.length) sample.unavailable = unavailable;
    this.samples.push(sample);
    return sample;
  }
}

/** "cpu  user nice system idle iowait irq softirq steal guest guest_nice" (guest is inside user). */
function parseCpu(text: string): { cpuTotal: number; cpuIdle: number } {
  const line = text.split("\n", 1)[0] ?? "";
  if (!line.startsWith("cpu ")) return { cpuTotal: 0, cpuIdle: 0 };
  const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = f;
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return Number.isFinite(total) ? { cpuTotal: total, cpuIdle: idle + iowait } : { cpuTotal: 0, cpuIdle: 0 };
}

function parseMemory(text: string): { usedBytes: number; totalBytes: number } {
  const kB = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0) * 1024;
  const totalBytes = kB("MemTotal");
  const available = kB("MemAvailable");
  return { totalBytes, usedBytes: totalBytes > 0 ? Math.max(0, totalBytes - available) : 0 };
}

/** "  eth0: rxBytes rxPackets … (8 rx fields) txBytes …" after two header lines. */
function parseNet(text: string): { netRx: number; netTx: number; loRx: number; loTx: number } {
  const totals = { netRx: 0, netTx: 0, loRx: 0, loTx: 0 };
  for (const line of text.split("\n").slice(2)) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const fields = line.slice(colon + 1).trim().split(/\s+/).map(Number);
    const rx = fields[0] ?? 0;
    const tx = fields[8] ?? 0;
    if (!Number.isFinite(rx) || !Number.isFinite(tx)) continue;
    if (name === "lo") {
      totals.loRx += rx;
      totals.loTx += tx;
    } else {
      totals.netRx += rx;
      totals.netTx += tx;
    }
  }
  return totals;
}

const SECTOR_BYTES = 512;

/** "major minor name reads merged sectorsRead msReading writes merged sectorsWritten …" */
function parseDisk(text: string, isWholeDisk: (name: string) => boolean) {
  let diskReadBytes = 0;
  let diskWriteBytes = 0;
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !isWholeDisk(f[2]!)) continue;
    const read = Number(f[5]);
    const written = Number(f[9]);
    if (Number.isFinite(read) && Number.isFinite(written)) {
      diskReadBytes += read * SECTOR_BYTES;
      diskWriteBytes += written * SECTOR_BYTES;
    }
  }
  return { diskReadBytes, diskWriteBytes };
}

/** Physical whole disks have a `device` link under /sys/block; without /sys, go by name. */
function wholeDiskTest(sysRoot: string): (name: string) => boolean {
  try {
    const disks = new Set(readdirSync(`${sysRoot}/block`).filter((d) => existsSync(`${sysRoot}/block/${d}/device`)));
    return (name) => disks.has(name);
  } catch {
    return (name) => /^(sd[a-z]+|hd[a-z]+|vd[a-z]+|xvd[a-z]+|nvme\d+n\d+|mmcblk\d+)$/.test(name);
  }
}
