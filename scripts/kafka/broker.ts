// Lifecycle of the local broker: start it detached from the caller, find it again from any
// process, stop it. `up` and `down` hold the cache's lock; `status` and the fast path of
// `ensureKafka` only read the state.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { closeSync, openSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { type Layout, LOG4J_CONFIG_PATH, layout, type Profile } from "./layout";
import { makeSecurityMaterial, type SecurityMaterial } from "./security";
import { ensureJars } from "./jars";
import { withLock } from "./lock";
import { requireJava } from "./prereqs";
import { isBrokerProcess, portAnswers, reservePort, waitForExit } from "./process";
import { probe, waitUntilReady, withTimeout } from "./readiness";
import { renderServerProperties } from "./server-properties";
import { type BrokerState, readState, writeState } from "./state";

export type { BrokerState } from "./state";
export type KafkaStatus = { up: true; state: BrokerState } | { up: false; last?: BrokerState };

export interface KafkaOptions {
  /** "secure": the second broker, with SASL_PLAINTEXT and SSL listeners too (see layout.ts). */
  profile?: Profile;
  /** Progress lines; default: stderr, so stdout stays for the bootstrap address. */
  log?: (message: string) => void;
  /** How long a fresh broker may take to pass the readiness probe. */
  readyTimeoutMs?: number;
  /** Another cache root is another broker (own run folder, lock and ports); default cacheRoot(). */
  cache?: string;
}

const READY_TIMEOUT_MS = 90_000;
/** Long enough for another process's first download of the jars plus a start. */
const LOCK_WAIT_MS = 300_000;
const STOP_GRACE_MS = 30_000;
const JVM_FLAGS = [
  "-XX:+UseG1GC",
  "-XX:MaxGCPauseMillis=20",
  "-XX:+ExplicitGCInvokesConcurrent",
  "-Djava.awt.headless=true",
  "-Duser.language=en",
];

// Plain stderr, not consola: consola goes quiet under `bun test`, where a first download of
// the jars would then look like a hang.
const defaultLog = (message: string) => void process.stderr.write(`[kafka] ${message}\n`);

/** The bootstrap address of a ready local broker, started now if none is up. */
export async function ensureKafka(opts: KafkaOptions = {}): Promise<string> {
  return (await ensureBroker(opts)).bootstrap;
}

/** The state of a ready broker of the profile, started now if none is up. */
export async function ensureBroker(opts: KafkaOptions = {}): Promise<BrokerState> {
  const log = opts.log ?? defaultLog;
  const profile = opts.profile ?? "plain";
  const current = await kafkaStatus(profile, opts.cache);
  if (current.up) return current.state;

  const l = await layout(profile, opts.cache);
  return withLock(l.lockPath, LOCK_WAIT_MS, async () => {
    // Another process may have started one while we waited for the lock.
    const again = await kafkaStatus(profile, opts.cache);
    if (again.up) return again.state;
    const state = again.last;
    if (state && isBrokerProcess(state.pid, state.serverProperties)) {
      // A connect that timed out on a busy host is no reason to kill a broker others use.
      if (state.ready && (await answersAdmin(state.bootstrap))) return state;
      const why = state.ready ? "it does not answer" : "the `up` that started it did not finish";
      log(`stopping broker pid ${state.pid}: ${why} (log: ${state.logPath})`);
      await terminate(state.pid, log);
    }
    const java = await requireJava();
    const libs = await ensureJars(l, log);
    return startBroker(l, java, libs, log, opts.readyTimeoutMs ?? READY_TIMEOUT_MS, profile === "secure");
  });
}

/** Up only when the state says ready, the process is ours and its port accepts connections. */
export async function kafkaStatus(profile: Profile = "plain", cache?: string): Promise<KafkaStatus> {
  const state = await readState(await layout(profile, cache));
  if (state?.ready && isBrokerProcess(state.pid, state.serverProperties) && (await portAnswers(state.port, state.host))) {
    return { up: true, state };
  }
  return { up: false, last: state };
}

/** Stops the broker if one runs and removes the run folder; returns the state it had. */
export async function stopKafka(opts: Pick<KafkaOptions, "log" | "profile" | "cache"> = {}): Promise<BrokerState | undefined> {
  const log = opts.log ?? defaultLog;
  const l = await layout(opts.profile, opts.cache);
  return withLock(l.lockPath, LOCK_WAIT_MS, async () => {
    const state = await readState(l);
    if (state && isBrokerProcess(state.pid, state.serverProperties)) await terminate(state.pid, log);
    await rm(l.runDir, { recursive: true, force: true });
    return state;
  });
}

/**
 * Stops the broker's process but keeps its run folder (data, ports, config), so
 * restartKafka brings the same broker back: for tests of a broker outage.
 * `kill`: SIGKILL at once, as a crash; else a clean SIGTERM shutdown.
 */
export async function haltKafka(opts: Pick<KafkaOptions, "log" | "profile" | "cache"> & { kill?: boolean } = {}): Promise<BrokerState | undefined> {
  const log = opts.log ?? defaultLog;
  const l = await layout(opts.profile, opts.cache);
  return withLock(l.lockPath, LOCK_WAIT_MS, async () => {
    const state = await readState(l);
    if (!state || !isBrokerProcess(state.pid, state.serverProperties)) return state;
    if (opts.kill) {
      signal(state.pid, "SIGKILL");
      if (!(await waitForExit(state.pid, 5_000))) throw new Error(`Broker pid ${state.pid} survived SIGKILL`);
    } else await terminate(state.pid, log);
    return state;
  });
}

/** Starts a halted broker again with its data and on its ports; a running one is left alone. */
export async function restartKafka(opts: KafkaOptions = {}): Promise<BrokerState> {
  const log = opts.log ?? defaultLog;
  const l = await layout(opts.profile, opts.cache);
  return withLock(l.lockPath, LOCK_WAIT_MS, async () => {
    const state = await readState(l);
    if (!state) throw new Error(`no broker to restart in ${l.runDir}: start one first`);
    if (isBrokerProcess(state.pid, state.serverProperties)) return state;
    const java = await requireJava();
    const libs = await ensureJars(l, log);
    const jvm = spawnJvm(l, java, libs);
    const restarted: BrokerState = { ...state, pid: jvm.pid, startedAt: new Date().toISOString(), ready: false };
    await writeState(l, restarted);
    log(`restarting the broker on ${state.bootstrap} (pid ${jvm.pid}, log ${l.logPath})`);
    await waitUntilReady({ bootstrap: state.bootstrap, host: state.host, port: state.port, logPath: l.logPath, timeoutMs: opts.readyTimeoutMs ?? READY_TIMEOUT_MS, exited: jvm.exited });
    const ready = { ...restarted, ready: true };
    await writeState(l, ready);
    return ready;
  });
}

/** The broker's JVM, detached: its own session, so it outlives `up`, a test run, or a Ctrl-C in their terminal. */
function spawnJvm(l: Layout, java: string, libs: string): { pid: number; exited: () => string | undefined } {
  const heap = (process.env.KAFKA_HEAP_OPTS || "-Xms512m -Xmx512m").split(/\s+/).filter(Boolean);
  const logFd = openSync(l.logPath, "a");
  const child = spawn(
    java,
    [...heap, ...JVM_FLAGS, `-Dlog4j2.configurationFile=${LOG4J_CONFIG_PATH}`, `-Domb.kafka.log=${l.logPath}`,
      "-cp", `${libs}/*`, "kafka.Kafka", l.serverProperties],
    { cwd: l.runDir, detached: true, stdio: ["ignore", logFd, logFd] },
  );
  closeSync(logFd);
  let exited: string | undefined;
  child.once("exit", (code, signal) => (exited = signal ? `was killed by ${signal}` : `exited with code ${code}`));
  child.once("error", (e) => (exited = `could not be started (${e.message})`));
  child.unref();
  if (child.pid === undefined) throw new Error(`Could not start ${java}: ${exited ?? "no pid"}`);
  return { pid: child.pid, exited: () => exited };
}

async function startBroker(l: Layout, java: string, libs: string, log: (m: string) => void, readyTimeoutMs: number, secure: boolean) {
  const started = performance.now();
  await rm(l.runDir, { recursive: true, force: true });
  await mkdir(l.dataDir, { recursive: true });
  const host = listenHost();
  const { port, controllerPort, saslPort, sslPort } = await choosePorts(host, secure);
  const bootstrap = `${host}:${port}`;
  const material = secure ? await makeSecurityMaterial(l.runDir) : undefined;
  const listeners = material && { saslPort: saslPort!, sslPort: sslPort!, ...material };
  await writeFile(l.serverProperties, renderServerProperties({ host, port, controllerPort, dataDir: l.dataDir, secure: listeners }));
  await formatStorage(java, libs, l, material);

  const child = spawnJvm(l, java, libs);

  const state: BrokerState = {
    pid: child.pid,
    bootstrap,
    host,
    port,
    controllerPort,
    kafkaVersion: l.kafkaVersion,
    serverProperties: l.serverProperties,
    logPath: l.logPath,
    startedAt: new Date().toISOString(),
    ready: false,
    ...(listeners
      ? {
          secure: {
            saslBootstrap: `${host}:${listeners.saslPort}`,
            sslBootstrap: `${host}:${listeners.sslPort}`,
            caPath: listeners.caPath,
            username: listeners.username,
            password: listeners.password,
          },
        }
      : {}),
  };
  await writeState(l, state);
  log(`starting Apache Kafka ${l.kafkaVersion} on ${bootstrap} (pid ${child.pid}, log ${l.logPath})`);
  try {
    await waitUntilReady({ bootstrap, host, port, logPath: l.logPath, timeoutMs: readyTimeoutMs, exited: child.exited });
  } catch (e) {
    if (!child.exited()) await terminate(child.pid, log);
    await rm(l.statePath, { force: true });
    throw e;
  }
  const ready = { ...state, ready: true };
  await writeState(l, ready);
  const extra = ready.secure ? ` (SASL_PLAINTEXT ${ready.secure.saslBootstrap}, SSL ${ready.secure.sslBootstrap})` : "";
  log(`ready on ${bootstrap}${extra} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return ready;
}

/** KAFKA_HOST: an IPv4 address of this host (scripts/hosts gives one of a network namespace). */
function listenHost(): string {
  const host = process.env.KAFKA_HOST || "127.0.0.1";
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) {
    throw new Error(`KAFKA_HOST=${host} is not an IPv4 address (such as 127.0.0.1); unset it to listen on loopback.`);
  }
  return host;
}

/**
 * KAFKA_PORT / KAFKA_CONTROLLER_PORT when given (the plain profile only), else free ports;
 * all held at once so they differ.
 */
async function choosePorts(host: string, secure: boolean): Promise<{ port: number; controllerPort: number; saslPort?: number; sslPort?: number }> {
  const wanted = secure ? [0, 0, 0, 0] : [portFromEnv("KAFKA_PORT"), portFromEnv("KAFKA_CONTROLLER_PORT")];
  const names = ["KAFKA_PORT", "KAFKA_CONTROLLER_PORT", "a free port", "a free port"];
  const held: Awaited<ReturnType<typeof reservePort>>[] = [];
  try {
    for (const [i, port] of wanted.entries()) {
      held.push(
        await reservePort(port, host).catch((e: Error) => {
          throw new Error(`${names[i]}=${port}: ${host}:${port} cannot be used (${e.message}); pick another or unset it.`);
        }),
      );
    }
    return { port: held[0]!.port, controllerPort: held[1]!.port, saslPort: held[2]?.port, sslPort: held[3]?.port };
  } finally {
    await Promise.all(held.map((h) => h.release()));
  }
}

function portFromEnv(name: string): number {
  const raw = process.env[name];
  if (!raw) return 0;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`${name}=${raw} is not a TCP port (1-65535); unset it to let kafka:up pick a free one.`);
  }
  return port;
}

async function formatStorage(java: string, libs: string, l: Layout, material?: SecurityMaterial): Promise<void> {
  // SCRAM credentials of a KRaft cluster are metadata records, written at format time.
  const scram = material ? ["--add-scram", `SCRAM-SHA-512=[name=${material.username},password=${material.password}]`] : [];
  const proc = Bun.spawn(
    [java, `-Dlog4j2.configurationFile=${LOG4J_CONFIG_PATH}`, `-Domb.kafka.log=${l.logPath}`, "-cp", `${libs}/*`,
      "kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", l.serverProperties, ...scram],
    { stdout: "pipe", stderr: "pipe", stdin: "ignore" },
  );
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) {
    throw new Error(`Formatting the broker storage failed (exit ${code}, ${l.serverProperties}):\n${(out + err).trim()}`);
  }
}

/**
 * What `kafka-storage random-uuid` prints: 16 random bytes in URL-safe base64 without padding,
 * never starting with "-" (a command line would read it as an option). Made here to save a JVM start.
 */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString("base64url");
    if (!id.startsWith("-")) return id;
  }
}

function answersAdmin(bootstrap: string): Promise<boolean> {
  return withTimeout(probe(bootstrap), 15_000, "no answer").then(
    () => true,
    () => false,
  );
}

/** SIGTERM (Kafka shuts down cleanly), SIGKILL if it has not ended within the grace time. */
async function terminate(pid: number, log: (m: string) => void): Promise<void> {
  signal(pid, "SIGTERM");
  if (await waitForExit(pid, STOP_GRACE_MS)) return;
  log(`broker pid ${pid} still runs ${STOP_GRACE_MS / 1000} s after SIGTERM; sending SIGKILL`);
  signal(pid, "SIGKILL");
  if (!(await waitForExit(pid, 5_000))) throw new Error(`Broker pid ${pid} survived SIGKILL`);
}

/** A process that ended on its own meanwhile is what we wanted. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ESRCH") throw e;
  }
}
