// Wires one `omb worker`: the LocalWorker (children), the deadman switch, the
// system sampler and the HTTP server on Bun.serve.
import { consola } from "consola";
import type { WorkerCall } from "../api/routes";
import { Deadman } from "./deadman";
import { LocalWorker, type SystemSampler } from "../pool/local-worker";
import { ScrapeRates, renderMetrics } from "./metrics";
import { createWorkerApp } from "./server";
import { startSystemSampler } from "./system-sampler";

export interface StartWorkerOptions {
  host: string;
  port: number;
  /** Worker name; when absent, defaultId(port actually bound) names it. */
  id?: string;
  defaultId(port: number): string;
  processes: number;
  token?: string;
  deadmanSeconds: number;
}

export interface RunningWorker {
  id: string;
  url: string;
  worker: LocalWorker;
  /** Stops load, closes clients and children, stops serving. */
  close(): Promise<void>;
}

/**
 * Longest quiet time of a connection, in seconds (Bun's maximum). A stop call
 * can take a while before its answer; Bun's default of 10 s would cut it.
 */
const IDLE_TIMEOUT_SECONDS = 255;

/** Answered also after the deadman switch stopped a run: they look at the worker or begin or end a run. */
const OUTSIDE_A_RUN = new Set<WorkerCall>(["health", "initializeDriver", "stop"]);

export async function startWorkerServer(options: StartWorkerOptions): Promise<RunningWorker> {
  // Without --id the worker is named after the port Bun.serve binds, so it is
  // built right after binding; no request can arrive in between (no await).
  let worker!: LocalWorker;
  let system!: SystemSampler;
  const deadman = new Deadman({
    timeoutMs: options.deadmanSeconds * 1000,
    onExpire: (silentMs) => {
      consola.warn(
        `worker ${worker.id}: no coordinator call for ${Math.round(silentMs / 1000)} s ` +
          `(deadman ${options.deadmanSeconds} s) in a session; stopping it as stop-all does (load, clients, children)`,
      );
      worker.stop().then(
        (result) =>
          consola.info(
            `worker ${worker.id}: session stopped by the deadman switch; ` +
              `${result.producers.length} producer reports kept for the next stop call`,
          ),
        (error: Error) => consola.error(`worker ${worker.id}: deadman stop failed: ${error.message}`),
      );
    },
  });
  const rates = new ScrapeRates();
  const app = createWorkerApp({
    get worker() {
      return worker;
    },
    token: options.token,
    onCoordinatorCall: () => deadman.begin(),
    refusal: (call) => (OUTSIDE_A_RUN.has(call) ? undefined : deadman.fired),
    metrics: async () => {
      const [counters, latencies, health] = await Promise.all([
        worker.counters(),
        worker.cumulativeLatencies(),
        worker.health(),
      ]);
      return renderMetrics({
        workerId: worker.id,
        state: health.state,
        counters,
        rates: rates.next(counters),
        latencies,
        children: {
          alive: (health.children ?? []).filter((c) => c.alive).length,
          crashed: health.crashed.length,
        },
        system: system.latest(),
        processRssBytes: process.memoryUsage.rss(),
      });
    },
  });

  let server: ReturnType<typeof Bun.serve>;
  try {
    server = Bun.serve({ hostname: options.host, port: options.port, idleTimeout: IDLE_TIMEOUT_SECONDS, fetch: app.fetch });
  } catch (error) {
    deadman.close();
    throw error;
  }
  const port = server.port as number;
  const id = options.id ?? options.defaultId(port);
  system = startSystemSampler();
  worker = new LocalWorker({
    workerId: id,
    processes: options.processes,
    system,
    deadmanSeconds: options.deadmanSeconds,
    // Armed for the whole session, consumer-only workers included: they never see start-load.
    onLoadStateChange: (state) => {
      if (state === "initialized") {
        deadman.newRun();
        deadman.arm();
      }
      if (state === "idle") deadman.disarm();
    },
  });
  const urlHost = options.host.includes(":") ? `[${options.host}]` : options.host;
  consola.info(
    `worker ${id}: ${options.processes} child processes, deadman ${options.deadmanSeconds || "off"} s, ` +
      `token ${options.token ? "required" : "not required"}`,
  );

  return {
    id,
    url: `http://${urlHost}:${port}`,
    worker,
    async close() {
      deadman.close();
      await worker.stop().catch((error: Error) => consola.error(`worker ${id}: stop failed: ${error.message}`));
      system.close();
      await server.stop(true);
    },
  };
}
