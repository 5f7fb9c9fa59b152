// The worker's HTTP API in one table: the server registers these routes, the
// HTTP client calls them. Paths follow Java OMB's WorkerHandler where it has one.
import * as v from "valibot";
import {
  consumerAssignmentsSchema,
  driverConfigSchema,
  topicNameSchema,
  loadAssignmentSchema,
  producerAssignmentsSchema,
  workerRateSchema,
  topicSpecSchema,
} from "./schemas";
import type { Worker } from "./worker";

export type WorkerCall = Exclude<keyof Worker, "id">;

export interface ApiRoute {
  method: "GET" | "POST";
  path: string;
  /** Client-side bound for the whole call; the server's own bounds are shorter. */
  timeoutMs: number;
  /** Validates the JSON body; routes without one take no body. */
  body?: v.GenericSchema;
}

export const apiRoutes = {
  health: { method: "GET", path: "/health", timeoutMs: 5_000 },
  initializeDriver: { method: "POST", path: "/initialize-driver", timeoutMs: 60_000, body: driverConfigSchema },
  createTopics: {
    method: "POST",
    path: "/create-topics",
    timeoutMs: 120_000,
    body: v.strictObject({ topics: v.array(topicSpecSchema) }),
  },
  deleteTopics: {
    method: "POST",
    path: "/delete-topics",
    timeoutMs: 120_000,
    body: v.strictObject({ names: v.array(topicNameSchema) }),
  },
  listTopics: { method: "POST", path: "/list-topics", timeoutMs: 30_000, body: v.strictObject({ prefix: v.pipe(v.string(), v.regex(/^[A-Za-z0-9._-]{0,249}$/, "must be the start of a Kafka topic name (A-Z a-z 0-9 . _ -, at most 249)")) }) },
  createProducers: {
    method: "POST",
    path: "/create-producers",
    timeoutMs: 60_000,
    body: v.strictObject({ producers: producerAssignmentsSchema }),
  },
  createConsumers: {
    method: "POST",
    path: "/create-consumers",
    timeoutMs: 60_000,
    body: v.strictObject({ consumers: consumerAssignmentsSchema }),
  },
  consumersReady: { method: "GET", path: "/consumers-ready", timeoutMs: 10_000 },
  probeProducers: { method: "POST", path: "/probe-producers", timeoutMs: 60_000 },
  startLoad: { method: "POST", path: "/start-load", timeoutMs: 30_000, body: loadAssignmentSchema },
  adjustRate: {
    method: "POST",
    path: "/adjust-publish-rate",
    timeoutMs: 10_000,
    body: v.strictObject({ workerRate: workerRateSchema }),
  },
  pauseConsumers: { method: "POST", path: "/pause-consumers", timeoutMs: 30_000 },
  resumeConsumers: { method: "POST", path: "/resume-consumers", timeoutMs: 30_000 },
  periodStats: { method: "GET", path: "/period-stats", timeoutMs: 30_000 },
  cumulativeLatencies: { method: "GET", path: "/cumulative-latencies", timeoutMs: 30_000 },
  counters: { method: "GET", path: "/counters-stats", timeoutMs: 10_000 },
  resetStats: { method: "POST", path: "/reset-stats", timeoutMs: 10_000 },
  stopLoad: { method: "POST", path: "/stop-load", timeoutMs: 120_000 },
  stop: { method: "POST", path: "/stop-all", timeoutMs: 180_000 },
} as const satisfies Record<WorkerCall, ApiRoute>;

/** Prometheus scrape endpoint; not part of the Worker interface. */
export const metricsRoute = { method: "GET", path: "/metrics", timeoutMs: 10_000 } as const satisfies ApiRoute;

/** Request bodies larger than this get 413. */
export const maxBodyBytes = 1024 * 1024;

export type RouteBody<K extends WorkerCall> = (typeof apiRoutes)[K] extends { body: infer S extends v.GenericSchema }
  ? v.InferOutput<S>
  : never;
