// A Kafka broker of a test's own, for tests that stop, kill, pause or break a
// broker: the shared one (test/support/kafka.ts) is never touched. It is
// scripts/kafka's broker with a cache root of its own (its own run folder,
// lock, ports and data, as scripts/hosts starts one), sharing the downloaded
// jars. stop()/start() keep its data and ports, so clients see the same
// broker go away and come back. close() ends it and removes its folder; so
// does this process's exit, and a later test run removes what a killed one left.
import { existsSync, readdirSync, rmSync } from "node:fs";
import { mkdir, rm, symlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ensureBroker, haltKafka, restartKafka, stopKafka } from "../../scripts/kafka/broker";
import { ensureJars } from "../../scripts/kafka/jars";
import { cacheRoot, layout } from "../../scripts/kafka/layout";
import { isBrokerProcess, pidAlive } from "../../scripts/kafka/process";
import { readState } from "../../scripts/kafka/state";

export interface OwnBroker {
  /** host:port; the same after stop()/start(). */
  bootstrap: string;
  /** The broker's pid now (changes on start()). */
  pid(): number;
  logPath: string;
  /** Stops the broker (SIGTERM, a clean shutdown; `kill`: SIGKILL, a crash); data and ports are kept. */
  stop(opts?: { kill?: boolean }): Promise<void>;
  /** Starts it again after stop(), and waits until it answers. */
  start(): Promise<void>;
  /** SIGSTOP: the process stays, the port accepts connections, nothing answers. */
  pause(): void;
  /** SIGCONT after pause(). */
  resume(): void;
  /** Ends the broker and removes its folder; safe to call twice. */
  close(): Promise<void>;
}

const OWN_ROOT = () => join(cacheRoot(), "own");
const log = (line: string) => void process.stderr.write(`[own-broker] ${line}\n`);

/** Starts a fresh single-node broker for the calling test (about 10–30 s on a busy host). */
export async function startOwnBroker(name: string): Promise<OwnBroker> {
  removeOrphans();
  const cache = join(OWN_ROOT(), `${name}-${process.pid}-${Date.now().toString(36)}`);
  // The jars once, shared: the own cache's libs folder is a link to the shared one.
  const shared = await layout("plain");
  await ensureJars(shared, log);
  const own = await layout("plain", cache);
  await mkdir(dirname(own.libs), { recursive: true });
  await symlink(shared.libs, own.libs);

  let state = await ensureBroker({ cache, log });
  let paused = false;
  // A broker outlives its parent by design (detached); this test's must not.
  const killAtExit = () => {
    try {
      if (paused) process.kill(state.pid, "SIGCONT");
      process.kill(state.pid, "SIGKILL");
    } catch {
      // already gone
    }
    rmSync(cache, { recursive: true, force: true });
  };
  process.once("exit", killAtExit);
  let closed = false;
  const resume = () => {
    process.kill(state.pid, "SIGCONT");
    paused = false;
  };
  return {
    bootstrap: state.bootstrap,
    pid: () => state.pid,
    logPath: state.logPath,
    async stop(opts = {}) {
      if (paused) resume();
      await haltKafka({ cache, log, kill: opts.kill });
    },
    async start() {
      state = await restartKafka({ cache, log });
    },
    pause() {
      process.kill(state.pid, "SIGSTOP");
      paused = true;
    },
    resume,
    async close() {
      if (closed) return;
      closed = true;
      if (paused) resume();
      await stopKafka({ cache, log }).catch((e: Error) => log(`stopping ${cache}: ${e.message}`));
      await rm(cache, { recursive: true, force: true });
      process.off("exit", killAtExit);
    },
  };
}

/** Folders of test processes that are gone: their brokers are killed and the folders removed. */
function removeOrphans(): void {
  const root = OWN_ROOT();
  if (!existsSync(root)) return;
  for (const entry of readdirSync(root)) {
    const owner = Number(/-(\d+)-[0-9a-z]+$/.exec(entry)?.[1]);
    if (!owner || pidAlive(owner)) continue;
    const dir = join(root, entry);
    void layout("plain", dir)
      .then(readState)
      .then((s) => {
        if (s && isBrokerProcess(s.pid, s.serverProperties)) process.kill(s.pid, "SIGKILL");
        rmSync(dir, { recursive: true, force: true });
      })
      .catch(() => undefined);
  }
}
