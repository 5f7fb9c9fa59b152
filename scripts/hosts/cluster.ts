// The hosts of a multi-host run on one machine: a Kafka broker of its own in host 0
// (scripts/kafka with a cache folder of its own, listening on the host's address) and
// one `omb worker` in each other host. The coordinator stays in the root namespace.
// close() ends them all and removes the namespaces; so does this process's exit, and a
// later run removes what a killed one left (netns.ts).
import type { Subprocess } from "bun";
import { join } from "node:path";
import { ensureJars } from "../kafka/jars";
import { cacheRoot, layout } from "../kafka/layout";
import { streamLines } from "../../src/stream-lines";
import { createNetwork, type Host, type Network } from "./netns";

export interface HostsOptions {
  workers: number;
  /** More `omb worker` flags, e.g. ["--deadman", "10"]. */
  workerArgs?: string[];
  /** Progress lines (default: stderr). */
  log?(line: string): void;
}

export interface WorkerHost {
  host: Host;
  url: string;
  /** Every line the worker printed so far (stdout and stderr). */
  output: string[];
  process: Subprocess<"ignore", "pipe", "pipe">;
}

export interface Hosts {
  network: Network;
  /** The broker's address inside the block (host 0). */
  bootstrap: string;
  workers: WorkerHost[];
  close(): Promise<void>;
}

const MAIN = join(import.meta.dir, "..", "..", "src", "cli", "main.ts");
const KAFKA = join(import.meta.dir, "..", "kafka", "kafka.ts");
const WORKER_PORT = 8080;
const LISTENING = /^omb worker \S+ listening on (http:\/\/\S+)$/;
const WORKER_START_MS = 30_000;
const WORKER_STOP_MS = 20_000;

export async function startHosts(options: HostsOptions): Promise<Hosts> {
  const log = options.log ?? ((line: string) => void process.stderr.write(`[hosts] ${line}\n`));
  const network = createNetwork(options.workers + 1);
  const removeAtExit = () => network.remove();
  process.once("exit", removeAtExit);
  const [brokerHost, ...workerHosts] = network.hosts as [Host, ...Host[]];
  log(`${network.hosts.length} hosts in ${network.bridge} (10.231.${network.slot}.0/24): broker ${brokerHost.address}, workers ${workerHosts.map((h) => h.address).join(", ")}`);
  // Its own cache folder: its own run folder and ports, never the shared broker's.
  const brokerEnv = { OMB_CACHE_DIR: join(cacheRoot(), "hosts", `slot-${network.slot}`), KAFKA_HOST: brokerHost.address, KAFKA_PORT: "9092", KAFKA_CONTROLLER_PORT: "9093" };
  const workers: WorkerHost[] = [];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.all(workers.map((w) => stopWorker(w)));
    await runIn(network, brokerHost, [process.execPath, KAFKA, "down"], brokerEnv).catch((e: Error) => log(`broker down: ${e.message}`));
    network.remove();
    process.off("exit", removeAtExit);
  };
  try {
    // Jars resolved in the root namespace: the hosts reach nothing outside their block.
    await ensureJars(await layout("plain", brokerEnv.OMB_CACHE_DIR), log);
    const up = await runIn(network, brokerHost, [process.execPath, KAFKA, "up"], brokerEnv);
    const bootstrap = /KAFKA_BOOTSTRAP=(\S+)\s*$/.exec(up)?.[1];
    if (!bootstrap) throw new Error(`hosts: the broker in ${brokerHost.namespace} printed no KAFKA_BOOTSTRAP line:\n${up}`);
    log(`broker ready on ${bootstrap}`);
    workers.push(...(await Promise.all(workerHosts.map((h) => startWorker(network, h, options.workerArgs ?? [])))));
    log(`workers listening: ${workers.map((w) => w.url).join(", ")}`);
    return { network, bootstrap, workers, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The worker is named after its host (`host1`, …) in its own log lines. */
async function startWorker(network: Network, host: Host, args: string[]): Promise<WorkerHost> {
  const argv = [process.execPath, MAIN, "worker", "--host", host.address, "--port", String(WORKER_PORT), "--id", `host${host.index}`, "--processes", "1", ...args];
  const proc = Bun.spawn(network.inHost(host, argv), {
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    // consola hides info lines under NODE_ENV=test (bun test); the worker's log is wanted here.
    env: { ...process.env, NO_COLOR: "1", NODE_ENV: "production" },
  });
  const output: string[] = [];
  const { promise: listening, resolve } = Promise.withResolvers<string>();
  const pump = async (stream: ReadableStream<Uint8Array>) => {
    for await (const line of streamLines(stream)) {
      output.push(line);
      const url = LISTENING.exec(line)?.[1];
      if (url) resolve(url);
    }
  };
  void pump(proc.stdout);
  void pump(proc.stderr);
  const outcome = await Promise.race([
    listening,
    proc.exited.then((code) => new Error(`exited with ${code}`)),
    Bun.sleep(WORKER_START_MS).then(() => new Error(`not listening after ${WORKER_START_MS / 1000} s`)),
  ]);
  if (outcome instanceof Error) {
    proc.kill("SIGKILL");
    throw new Error(`hosts: the worker in ${host.namespace} ${outcome.message}:\n${output.join("\n")}`);
  }
  return { host, url: outcome, output, process: proc };
}

/** SIGTERM (the worker stops its load and closes its clients), SIGKILL if it is still there after 20 s. */
async function stopWorker(worker: WorkerHost): Promise<void> {
  if (worker.process.exitCode !== null) return;
  worker.process.kill("SIGTERM");
  const exited = await Promise.race([worker.process.exited, Bun.sleep(WORKER_STOP_MS).then(() => "late" as const)]);
  if (exited === "late") worker.process.kill("SIGKILL");
  await worker.process.exited;
}

/** Runs a command in the host to its end; its stdout, or an error with both outputs. */
async function runIn(network: Network, host: Host, argv: string[], env: Record<string, string>): Promise<string> {
  const proc = Bun.spawn(network.inHost(host, argv), { stdin: "ignore", stdout: "pipe", stderr: "pipe", env: { ...process.env, ...env } });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`hosts: \`${argv.slice(1).join(" ")}\` in ${host.namespace} exited with ${code}:\n${(out + err).trim()}`);
  return out;
}
