// CPU time of processes and of the whole machine from /proc, sampled at the
// start and end of a measuring window: which process used how much of the
// 2 shared cores while a figure was taken. Linux only (the benches' host).
import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ). */
const TICKS_PER_SECOND = Number(Bun.spawnSync(["getconf", "CLK_TCK"]).stdout.toString().trim()) || 100;

export interface NamedProcess {
  name: string;
  pid: number;
}

export interface CpuShare {
  name: string;
  pid: number;
  /** CPU time over wall time in the window, in % of one core. */
  percent: number;
  /**
   * Time the main thread (a Bun process's event loop) was runnable but waited
   * for a core, in % of the window: how much the machine's other load delayed it.
   */
  mainThreadWaitPercent: number;
}

export interface CpuWindow {
  seconds: number;
  processes: CpuShare[];
  /** Busy share of all cores in the window, in % of one core (200 = both cores of a 2-core host). */
  machinePercent: number;
  cores: number;
  /** Share of all CPU time the hypervisor gave to other guests (steal), in %: stalls no process here can avoid. */
  stealPercent: number;
}

interface Snapshot {
  atNs: number;
  ticks: Map<number, number>;
  /** Run-queue wait of each process's main thread, ns. */
  waits: Map<number, number>;
  machineBusy: number;
  machineTotal: number;
  steal: number;
}

/** Starts a window now; end() returns each process's and the machine's CPU use since. */
export function cpuWindow(processes: readonly NamedProcess[]): { end(): CpuWindow } {
  const start = snapshot(processes);
  return {
    end() {
      const end = snapshot(processes);
      const seconds = (end.atNs - start.atNs) / 1e9;
      const cores = (end.machineTotal - start.machineTotal) / TICKS_PER_SECOND / seconds;
      const machineBusyShare = (end.machineBusy - start.machineBusy) / (end.machineTotal - start.machineTotal || 1);
      return {
        seconds,
        machinePercent: machineBusyShare * cores * 100,
        cores: Math.round(cores),
        stealPercent: ((end.steal - start.steal) / (end.machineTotal - start.machineTotal || 1)) * 100,
        processes: processes.map(({ name, pid }) => ({
          name,
          pid,
          percent: (((end.ticks.get(pid) ?? 0) - (start.ticks.get(pid) ?? 0)) / TICKS_PER_SECOND / seconds) * 100,
          mainThreadWaitPercent: (((end.waits.get(pid) ?? 0) - (start.waits.get(pid) ?? 0)) / 1e9 / seconds) * 100,
        })),
      };
    },
  };
}

export function cpuLines(cpu: CpuWindow): string[] {
  return [
    `CPU over ${cpu.seconds.toFixed(1)} s (100 % = one core; machine total ${cpu.machinePercent.toFixed(0)} % of ${cpu.cores * 100} %; ` +
      `hypervisor steal ${cpu.stealPercent.toFixed(1)} %):`,
    ...cpu.processes.map(
      (p) =>
        `  ${p.name} (pid ${p.pid}): ${p.percent.toFixed(0)} %; its main thread waited for a core ${p.mainThreadWaitPercent.toFixed(1)} % of the time`,
    ),
  ];
}

/**
 * CPU µs per message of the producing side (every process but the broker) and of
 * the broker, at `rate` msg/s during the window: steadier than msg/s when other
 * work on the machine takes cores away.
 */
export function cpuPerMessage(cpu: CpuWindow, rate: number, brokerPid: number): { client: number; broker: number } {
  let client = 0;
  let broker = 0;
  for (const p of cpu.processes) {
    if (p.pid === brokerPid) broker += p.percent;
    else client += p.percent;
  }
  return { client: (client / 100 / rate) * 1e6, broker: (broker / 100 / rate) * 1e6 };
}

/**
 * "1 min, 5 min, 15 min" load average, as uptime prints it, and the share of
 * the last 10 s in which some runnable task waited for a core (PSI), when the kernel has it.
 */
export function loadAverage(): string {
  const load = readOrEmpty("/proc/loadavg").split(" ").slice(0, 3).join(" ");
  const pressure = /some avg10=([\d.]+)/.exec(readOrEmpty("/proc/pressure/cpu"))?.[1];
  return pressure === undefined ? load : `${load} (CPU pressure ${pressure} %)`;
}

function snapshot(processes: readonly NamedProcess[]): Snapshot {
  const ticks = new Map<number, number>();
  const waits = new Map<number, number>();
  for (const { pid } of processes) {
    ticks.set(pid, processTicks(pid));
    // schedstat: ns on a core, ns runnable but waiting for one, timeslices.
    waits.set(pid, Number(readOrEmpty(`/proc/${pid}/schedstat`).split(" ")[1] ?? 0));
  }
  const cpu = readOrEmpty("/proc/stat").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = (cpu[3] ?? 0) + (cpu[4] ?? 0);
  return { atNs: Bun.nanoseconds(), ticks, waits, machineBusy: total - idle, machineTotal: total, steal: cpu[7] ?? 0 };
}

/** utime + stime of a process (all its threads); 0 once it is gone. */
function processTicks(pid: number): number {
  const stat = readOrEmpty(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces; fields after it start at ") ".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}
