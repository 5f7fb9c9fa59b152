// Small facts about processes and ports on this host, for managing the detached broker.
import { existsSync, readFileSync } from "node:fs";
import { createConnection, createServer } from "node:net";

// Without /proc (not Linux) kill(pid, 0) is all we can ask.
const HAS_PROC = existsSync("/proc/self/stat");

/** Alive and not a zombie (a zombie still answers kill(pid, 0) until its parent reaps it). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
  if (!HAS_PROC) return true;
  const stat = readProc(pid, "stat");
  // Field 3, after the parenthesised command name, is the state letter.
  return stat !== undefined && stat[stat.lastIndexOf(")") + 2] !== "Z";
}

/** The broker started with this server.properties, not some process that inherited its pid. */
export function isBrokerProcess(pid: number, serverProperties: string): boolean {
  if (!pidAlive(pid)) return false;
  if (!HAS_PROC) return true;
  const cmdline = readProc(pid, "cmdline") ?? "";
  return cmdline.includes("kafka.Kafka") && cmdline.includes(serverProperties);
}

/** Waits up to `ms` for the process to end; true when it did. */
export async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (pidAlive(pid)) {
    if (Date.now() > deadline) return false;
    await Bun.sleep(100);
  }
  return true;
}

/** True when something accepts TCP connections on host:port. */
export function portAnswers(port: number, host: string, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/** Binds host:port (0 = any free port), returns the port and a release function. */
export function reservePort(port: number, host: string): Promise<{ port: number; release: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, host, () => {
      const address = server.address();
      if (address === null || typeof address === "string") return reject(new Error("no TCP address"));
      resolve({ port: address.port, release: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

function readProc(pid: number, file: "stat" | "cmdline"): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8").replaceAll("\0", " ");
  } catch {
    return undefined;
  }
}
