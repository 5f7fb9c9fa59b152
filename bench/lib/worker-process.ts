// Starts one `omb worker` for a bench, as a lab would run it: the built
// dist/omb when it is newer than every source file, else from source. It is
// found by its "listening on" line and ended by SIGTERM (SIGKILL to its process
// group after a grace time), which also ends its producer/consumer children.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { streamLines } from "../../src/stream-lines";

export interface WorkerProcess {
  url: string;
  pid: number;
  /** How it was started, for the bench's header. */
  command: string;
  stop(): Promise<void>;
}

const ROOT = join(import.meta.dir, "..", "..");
const BINARY = join(ROOT, "dist", "omb");
const LISTENING = /^omb worker \S+ listening on (http:\/\/\S+)\s*$/;
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 15_000;

export interface WorkerStartOptions {
  /** The worker's name in a coordinator's logs and results (benches with many workers give each its own). */
  id?: string;
}

export async function startWorker(processes: number, options: WorkerStartOptions = {}): Promise<WorkerProcess> {
  const argv = [...diesWithBench(), ...ombProgram(), "worker", "--host", "127.0.0.1", "--port", "0", "--id", options.id ?? "bench", "--processes", String(processes)];
  const child = Bun.spawn(argv, { cwd: ROOT, stdin: "ignore", stdout: "pipe", stderr: "pipe", detached: true });
  // Both pipes are read for the worker's whole life: a full pipe would stall it.
  void forEachLine(child.stderr, (line) => process.stderr.write(`[worker] ${line}\n`));
  const url = await new Promise<string | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), START_TIMEOUT_MS);
    void forEachLine(child.stdout, (line) => {
      const m = LISTENING.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void child.exited.then(() => resolve(undefined));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const exited = await Promise.race([child.exited.then(() => true), Bun.sleep(STOP_GRACE_MS).then(() => false)]);
    if (exited) return;
    process.kill(-child.pid, "SIGKILL");
    await child.exited;
  };
  if (url === undefined) {
    await stop();
    throw new Error(`${argv.join(" ")}: no "listening on" line within ${START_TIMEOUT_MS / 1000} s (exit ${child.exitCode})`);
  }
  return { url, pid: child.pid, command: argv.join(" "), stop };
}

/**
 * A prefix that makes the kernel SIGKILL the started program when this bench
 * dies, even by SIGKILL (util-linux setpriv, where present): no worker outlives
 * an interrupted bench. The worker's children end with it (IPC disconnect).
 */
export function diesWithBench(): string[] {
  return Bun.which("setpriv") ? ["setpriv", "--pdeathsig", "KILL", "--"] : [];
}

/** How to run omb: the built dist/omb when it is fresh, else the CLI from source. */
export function ombProgram(): string[] {
  return binaryIsFresh() ? [BINARY] : [process.execPath, join(ROOT, "src", "cli", "main.ts")];
}

/** dist/omb exists and no file under src/ (or package.json) changed after it was built. */
function binaryIsFresh(): boolean {
  let built: number;
  try {
    built = statSync(BINARY).mtimeMs;
  } catch {
    return false;
  }
  return newestMtime(join(ROOT, "src")) <= built && statSync(join(ROOT, "package.json")).mtimeMs <= built;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

async function forEachLine(stream: ReadableStream<Uint8Array>, onLine: (line: string) => void): Promise<void> {
  for await (const line of streamLines(stream)) onLine(line);
}
