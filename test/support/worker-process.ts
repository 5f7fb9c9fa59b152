// Starts `omb worker` as a real subprocess (from source) for integration tests,
// finds its URL in the "listening on" line, and keeps reading its output.
import type { Subprocess } from "bun";

export interface WorkerProcess {
  url: string;
  process: Subprocess<"ignore", "pipe", "pipe">;
  /** Every line the worker printed so far (stdout and stderr). */
  output: string[];
  /** SIGTERM, then the exit code (SIGKILL after 20 s), once all its output is in `output`. */
  terminate(): Promise<number | null>;
}

const LISTENING = /^omb worker \S+ listening on (http:\/\/\S+)$/;
const main = `${import.meta.dir}/../../src/cli/main.ts`;

export async function startWorkerProcess(args: string[], env: Record<string, string> = {}): Promise<WorkerProcess> {
  const proc = Bun.spawn([process.execPath, main, "worker", "--host", "127.0.0.1", "--port", "0", ...args], {
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    // bun test sets NODE_ENV=test, which makes consola hide info lines; the worker is not under test.
    env: { ...process.env, ...env, NO_COLOR: "1", NODE_ENV: "production" },
  });
  const output: string[] = [];
  const { promise: listening, resolve, reject } = Promise.withResolvers<string>();
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    const decoder = new TextDecoder();
    let partial = "";
    for await (const chunk of stream) {
      const lines = (partial + decoder.decode(chunk, { stream: true })).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) {
        output.push(line);
        const match = LISTENING.exec(line);
        if (match) resolve(match[1]!);
      }
    }
  };
  const pumped = Promise.all([pump(proc.stdout), pump(proc.stderr)]);
  void proc.exited.then((code) => reject(new Error(`worker exited with ${code} before listening:\n${output.join("\n")}`)));
  const timer = setTimeout(() => reject(new Error(`worker not listening after 20 s:\n${output.join("\n")}`)), 20_000);
  try {
    const url = await listening;
    return {
      url,
      process: proc,
      output,
      async terminate() {
        if (proc.exitCode !== null) return proc.exitCode;
        proc.kill("SIGTERM");
        const exited = await Promise.race([proc.exited, Bun.sleep(20_000).then(() => undefined)]);
        if (exited === undefined) proc.kill("SIGKILL");
        await proc.exited;
        await pumped;
        return proc.exitCode;
      },
    };
  } catch (error) {
    proc.kill("SIGKILL");
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `check` until it returns a value other than undefined, at most timeoutMs. */
export async function pollUntil<T>(what: string, timeoutMs: number, check: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await Bun.sleep(100);
  }
  throw new Error(`${what}: not reached within ${timeoutMs / 1000} s${last ? ` (last error: ${String(last)})` : ""}`);
}
