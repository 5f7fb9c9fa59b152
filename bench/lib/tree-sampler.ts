// CPU time and resident memory of process trees, sampled from /proc at a fixed
// step while a bench runs: a group is a set of root pids and all their
// descendants (a worker and its producer/consumer children), found afresh at
// every sample because children come and go. Linux only (the benches' host).
import { readdirSync, readFileSync } from "node:fs";

export interface TreeSample {
  /** performance.now() of the sample. */
  at: number;
  /** Per group: CPU seconds used so far by its live processes, and their summed RSS in bytes. */
  groups: Record<string, { cpuSeconds: number; rssBytes: number; processes: number }>;
}

const TICKS_PER_SECOND = Number(Bun.spawnSync(["getconf", "CLK_TCK"]).stdout.toString().trim()) || 100;
const PAGE_BYTES = Number(Bun.spawnSync(["getconf", "PAGESIZE"]).stdout.toString().trim()) || 4096;

/** Samples every `stepMs` until stop(); `roots` is read at each sample, so groups may grow. */
export function sampleTrees(roots: () => Record<string, number[]>, stepMs: number): { samples: TreeSample[]; stop(): TreeSample[] } {
  const samples: TreeSample[] = [];
  const take = () => samples.push(sampleOnce(roots()));
  take();
  const timer = setInterval(take, stepMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      take();
      return samples;
    },
  };
}

interface Proc {
  ppid: number;
  ticks: number;
  rssPages: number;
}

function sampleOnce(roots: Record<string, number[]>): TreeSample {
  const procs = new Map<number, Proc>();
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const proc = readProc(pid);
    if (!proc) continue;
    procs.set(pid, proc);
    const siblings = children.get(proc.ppid) ?? [];
    siblings.push(pid);
    children.set(proc.ppid, siblings);
  }
  const groups: TreeSample["groups"] = {};
  for (const [group, pids] of Object.entries(roots)) {
    let ticks = 0;
    let pages = 0;
    let count = 0;
    const todo = [...pids];
    const seen = new Set<number>();
    while (todo.length) {
      const pid = todo.pop()!;
      if (seen.has(pid)) continue;
      seen.add(pid);
      const proc = procs.get(pid);
      if (!proc) continue;
      ticks += proc.ticks;
      pages += proc.rssPages;
      count++;
      todo.push(...(children.get(pid) ?? []));
    }
    groups[group] = { cpuSeconds: ticks / TICKS_PER_SECOND, rssBytes: pages * PAGE_BYTES, processes: count };
  }
  return { at: performance.now(), groups };
}

function readProc(pid: number): Proc | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces; the fields after it start at ") " (field 3 = index 0).
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), rssPages: Number(f[21]) };
}
