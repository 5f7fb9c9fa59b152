// The coordinator's client for a remote `omb worker`: the Worker interface over
// HTTP. Every call has a timeout from the route table, and every error names
// the worker URL and the call, e.g.
// "worker http://h:8080: POST /stop-all timed out after 180 s".
import { type WorkerCall, apiRoutes } from "../api/routes";
import type { TopicSpec } from "../../drivers/driver";
import type { DriverConfig } from "../../config/types";
import type { Worker } from "../api/worker";
import type { ConsumerAssignment, ConsumersReadiness, LoadAssignment, ProducerAssignment, StopResult, WorkerCounters, WorkerCumulativeLatencies, WorkerHealth, WorkerPeriodStats } from "../api/types";
import type { ProducerReport } from "../../stats/types";

export interface HttpWorkerOptions {
  token?: string;
  /** Multiplies every route's timeout (slow networks, big runs). */
  timeoutScale?: number;
}

export class WorkerCallError extends Error {
  constructor(
    readonly worker: string,
    readonly call: string,
    message: string,
    /** HTTP status, when the worker answered. */
    readonly status?: number,
  ) {
    super(`worker ${worker}: ${call} ${message}`);
  }
}

export class HttpWorker implements Worker {
  readonly id: string;

  constructor(
    url: string,
    private readonly options: HttpWorkerOptions = {},
  ) {
    this.id = url.replace(/\/+$/, "");
  }

  health(): Promise<WorkerHealth> {
    return this.call("health");
  }
  initializeDriver(driver: DriverConfig): Promise<void> {
    return this.call("initializeDriver", driver);
  }
  createTopics(topics: TopicSpec[]): Promise<void> {
    return this.call("createTopics", { topics });
  }
  deleteTopics(names: string[]): Promise<{ name: string; error: string }[]> {
    return this.call("deleteTopics", { names });
  }
  listTopics(prefix: string): Promise<string[]> {
    return this.call("listTopics", { prefix });
  }
  createProducers(producers: ProducerAssignment[]): Promise<void> {
    return this.call("createProducers", { producers });
  }
  createConsumers(consumers: ConsumerAssignment[]): Promise<void> {
    return this.call("createConsumers", { consumers });
  }
  consumersReady(): Promise<ConsumersReadiness> {
    return this.call("consumersReady");
  }
  probeProducers(): Promise<void> {
    return this.call("probeProducers");
  }
  startLoad(assignment: LoadAssignment): Promise<void> {
    return this.call("startLoad", assignment);
  }
  adjustRate(workerRate: number): Promise<void> {
    return this.call("adjustRate", { workerRate });
  }
  pauseConsumers(): Promise<void> {
    return this.call("pauseConsumers");
  }
  resumeConsumers(): Promise<void> {
    return this.call("resumeConsumers");
  }
  periodStats(): Promise<WorkerPeriodStats> {
    return this.call("periodStats");
  }
  cumulativeLatencies(): Promise<WorkerCumulativeLatencies> {
    return this.call("cumulativeLatencies");
  }
  counters(): Promise<WorkerCounters> {
    return this.call("counters");
  }
  resetStats(): Promise<void> {
    return this.call("resetStats");
  }
  stopLoad(): Promise<ProducerReport[]> {
    return this.call("stopLoad");
  }
  stop(): Promise<StopResult> {
    return this.call("stop");
  }

  private async call<T>(name: WorkerCall, body?: unknown): Promise<T> {
    const route = apiRoutes[name];
    const what = `${route.method} ${route.path}`;
    const timeoutMs = route.timeoutMs * (this.options.timeoutScale ?? 1);
    const headers: Record<string, string> = {};
    if (body !== undefined) headers["content-type"] = "application/json";
    if (this.options.token) headers.authorization = `Bearer ${this.options.token}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(this.id + route.path, {
        method: route.method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const e = error as Error;
      if (e.name === "TimeoutError") throw new WorkerCallError(this.id, what, `timed out after ${timeoutMs / 1000} s`);
      throw new WorkerCallError(this.id, what, `failed: ${e.message}`);
    }
    if (!response.ok) {
      throw new WorkerCallError(this.id, what, `answered ${response.status}: ${errorText(text)}`, response.status);
    }
    if (response.status === 204 || text === "") return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new WorkerCallError(this.id, what, `answered with invalid JSON: ${text.slice(0, 200)}`, response.status);
    }
  }
}

function errorText(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === "string") return parsed.error;
  } catch {
    // not JSON: show the raw text
  }
  return text.slice(0, 500) || "(empty body)";
}
