// `omb run`'s workers: children of this binary (`omb worker`) on loopback
// ports. Each is found by the "listening on" line it prints; they run in their
// own process group so that a Ctrl-C reaches only the coordinator, which then
// stops the run cleanly and ends them. An IPC channel lets them notice if the
// coordinator itself is killed.
import { availableParallelism } from "node:os";
import { selfCommand } from "../build-info";
import { streamLines } from "../stream-lines";
import { sleep } from "./bounds";

export interface LocalWorkersOptions {
  count: number;
  token?: string;
  /** Child processes per worker (default: the cores shared out between the workers). */
  processes?: number;
  startTimeoutMs?: number;
  /** Lines the workers write to stderr (their warnings and errors). */
  onOutput?(workerIndex: number, line: string): void;
}

export interface LocalWorkers {
  urls: string[];
  /** Ends every worker (SIGTERM, then SIGKILL to its process group). */
  stop(): Promise<void>;
}

const LISTENING = /^omb worker (\S+) listening on (http:\/\/\S+)\s*$/;
const STOP_GRACE_MS = 15_000;
const MAX_OUTPUT_LINES = 40;

type Child = ReturnType<typeof spawnWorker>;

function spawnWorker(index: number, options: LocalWorkersOptions, processes: number) {
  const args = ["worker", "--host", "127.0.0.1", "--port", "0", "--id", `local-${index}`, "--processes", String(processes)];
  return Bun.spawn(selfCommand(...args), {
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    detached: true,
    env: { ...process.env, ...(options.token ? { OMB_TOKEN: options.token } : {}) },
    serialization: "json",
    ipc() {},
  });
}

async function awaitListening(child: Child, index: number, timeoutMs: number): Promise<string> {
  let announced: (url: string) => void = () => {};
  const found = new Promise<string>((resolve) => (announced = resolve));
  // One reader for the worker's whole life: its info lines are not shown, but a
  // pipe nobody reads (or closes) would block or break the worker.
  void (async () => {
    for await (const line of streamLines(child.stdout)) {
      const m = LISTENING.exec(line);
      if (m) announced(m[2]!);
    }
  })();
  const url = await Promise.race([found, sleep(timeoutMs).then(() => "timeout" as const), child.exited.then(() => undefined)]);
  if (url === undefined || url === "timeout") {
    const why = url === "timeout" ? `did not say where it listens within ${timeoutMs / 1000} s` : `exited with code ${child.exitCode}`;
    throw new Error(`local worker ${index} ${why} (see its output above)`);
  }
  return url;
}

export async function startLocalWorkers(options: LocalWorkersOptions): Promise<LocalWorkers> {
  const processes = options.processes ?? Math.max(1, Math.floor(availableParallelism() / options.count));
  const children: Child[] = [];
  // Whatever ends this process (an uncaught error, a forced exit), the workers end with it.
  const killAll = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) killGroup(child);
  };
  process.once("exit", killAll);
  const stop = async () => {
    await Promise.all(children.map((child) => endChild(child)));
    process.off("exit", killAll);
  };
  try {
    for (let i = 0; i < options.count; i++) {
      const child = spawnWorker(i, options, processes);
      children.push(child);
      void (async () => {
        // A broker outage makes every client log each retry: show the start, not the flood.
        let shown = 0;
        for await (const line of streamLines(child.stderr)) {
          if (line.trim() === "") continue;
          if (shown < MAX_OUTPUT_LINES) options.onOutput?.(i, line);
          else if (shown === MAX_OUTPUT_LINES) options.onOutput?.(i, "(more output of this worker left out)");
          shown++;
        }
      })();
    }
    const urls = await Promise.all(children.map((child, i) => awaitListening(child, i, options.startTimeoutMs ?? 30_000)));
    return { urls, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function endChild(child: Child): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const exited = await Promise.race([child.exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
  if (exited) return;
  killGroup(child);
  await child.exited;
}

/** The worker leads its own process group: this also ends its producer/consumer children. */
function killGroup(child: Child): void {
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL");
  }
}
