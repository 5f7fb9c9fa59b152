// What really runs, read from the OS rather than from what a worker reports:
// whether a pid is alive, and which processes a parent has.
import { readFileSync, readdirSync } from "node:fs";

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of the live processes whose parent is `parent` (from /proc), optionally only those whose command line contains `command`. */
export function childrenOf(parent: number, command?: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid !== parent) continue;
      if (command === undefined || readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(command)) pids.push(Number(entry));
    } catch {
      // The process ended while being read.
    }
  }
  return pids.sort((a, b) => a - b);
}

/** Resident memory of a process in MB. */
export function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) / 1024;
}
