// Before anything runs: every worker answers /health within a short bound, or
// the run does not start and the failed ones are named. Load left running by
// an earlier coordinator is stopped first, as Java OMB does.
import { buildInfo } from "../build-info";
import type { Worker } from "../worker/api/worker";
import type { WorkerHealth } from "../worker/api/types";
import { bounded, formatMs, sleep } from "./bounds";
import type { RunLog } from "../report/run-log";

export const HEALTH_TIMEOUT_MS = 5000;

export interface HealthCheck {
  health: Map<string, WorkerHealth>;
  /** "worker <id>: <why>" for each worker that did not answer. */
  failed: string[];
}

const RETRY_MS = 2000;

/**
 * checkWorkers, asked again every 2 s while some worker does not answer, for up
 * to `waitMs` (workers that start beside the coordinator, as on Kubernetes).
 */
export async function awaitWorkers(workers: Worker[], log: Pick<RunLog, "info" | "warn">, waitMs: number, signal?: AbortSignal): Promise<HealthCheck> {
  const deadline = performance.now() + waitMs;
  let said = false;
  for (;;) {
    const check = await checkWorkers(workers, log);
    const left = deadline - performance.now();
    if (check.failed.length === 0 || left <= 0 || signal?.aborted) return check;
    if (!said) log.info(`waiting up to ${formatMs(waitMs)} for ${check.failed.length} of ${workers.length} workers to answer (--wait-for-workers)`);
    said = true;
    await sleep(Math.min(RETRY_MS, left), signal);
  }
}

export async function checkWorkers(workers: Worker[], log: Pick<RunLog, "info" | "warn">, timeoutMs = HEALTH_TIMEOUT_MS): Promise<HealthCheck> {
  const settled = await Promise.allSettled(workers.map((w) => bounded(w.health(), timeoutMs, "health check")));
  const health = new Map<string, WorkerHealth>();
  const failed: string[] = [];
  settled.forEach((s, i) => {
    const id = workers[i]!.id;
    if (s.status === "fulfilled") health.set(id, s.value);
    else failed.push(`worker ${id}: ${reason(s.reason)}`);
  });
  if (failed.length) return { health, failed };

  for (const [id, h] of health) {
    if (h.version !== buildInfo.version) log.warn(`worker ${id} runs omb ${h.version}, this coordinator ${buildInfo.version}`);
    if (h.crashed.length) log.warn(`worker ${id} reports ${h.crashed.length} child processes that died earlier`);
  }
  const busy = workers.filter((w) => health.get(w.id)!.state !== "idle");
  if (busy.length) {
    log.warn(`stopping what an earlier run left on ${busy.map((w) => `${w.id} (${health.get(w.id)!.state})`).join(", ")}`);
    const stopped = await Promise.allSettled(busy.map((w) => bounded(w.stop(), 60_000, "stop leftover load")));
    stopped.forEach((s, i) => {
      if (s.status === "rejected") failed.push(`worker ${busy[i]!.id}: could not stop an earlier run's load: ${reason(s.reason)}`);
    });
  }
  log.info(`${workers.length} workers healthy (answered within ${formatMs(timeoutMs)})`);
  return { health, failed };
}

function reason(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/^worker \S+: /, "");
}
