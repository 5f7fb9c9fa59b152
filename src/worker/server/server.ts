// The worker's HTTP face: a Hono app that maps the route table onto a Worker.
// Bodies are size-limited and validated before any worker code runs; every
// route but /health needs the bearer token when one is set.
import { Hono } from "hono";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import * as v from "valibot";
import { type ApiRoute, type RouteBody, type WorkerCall, apiRoutes, maxBodyBytes, metricsRoute } from "../api/routes";
import { statusOf } from "../api/errors";
import { describeIssues } from "../api/schemas";
import { findPrototypeKey } from "../../prototype-keys";
import { authorizes } from "../api/token";
import type { Worker } from "../api/worker";

export interface WorkerServerOptions {
  worker: Worker;
  token?: string;
  /** Every authenticated call except /metrics (feeds the deadman switch); the returned function runs once it is answered. */
  onCoordinatorCall?(): (() => void) | void;
  /** Why this call must be refused (answered 409), e.g. the deadman switch stopped the run it belongs to. */
  refusal?(call: WorkerCall): string | undefined;
  /** Prometheus text for /metrics. */
  metrics(): Promise<string>;
}

type Handler<K extends WorkerCall> = (worker: Worker, body: RouteBody<K>) => Promise<unknown>;

const handlers: { [K in WorkerCall]: Handler<K> } = {
  // The clock read last, as close to the answer leaving as the server gets.
  health: async (w) => ({ ...(await w.health()), now: performance.timeOrigin + performance.now() }),
  initializeDriver: (w, body) => w.initializeDriver(body),
  createTopics: (w, body) => w.createTopics(body.topics),
  deleteTopics: (w, body) => w.deleteTopics(body.names),
  listTopics: (w, body) => w.listTopics(body.prefix),
  createProducers: (w, body) => w.createProducers(body.producers),
  createConsumers: (w, body) => w.createConsumers(body.consumers),
  consumersReady: (w) => w.consumersReady(),
  probeProducers: (w) => w.probeProducers(),
  startLoad: (w, body) => w.startLoad(body),
  adjustRate: (w, body) => w.adjustRate(body.workerRate),
  pauseConsumers: (w) => w.pauseConsumers(),
  resumeConsumers: (w) => w.resumeConsumers(),
  periodStats: (w) => w.periodStats(),
  cumulativeLatencies: (w) => w.cumulativeLatencies(),
  counters: (w) => w.counters(),
  resetStats: (w) => w.resetStats(),
  stopLoad: (w) => w.stopLoad(),
  stop: (w) => w.stop(),
};

export function createWorkerApp(options: WorkerServerOptions): Hono {
  const app = new Hono();
  const fail = (c: Context, status: 400 | 401 | 404 | 409 | 413 | 500, error: string) => c.json({ error }, status);

  app.use(
    "*",
    bodyLimit({
      maxSize: maxBodyBytes,
      onError: (c) => fail(c, 413, `body: larger than the limit of ${maxBodyBytes} bytes`),
    }),
  );

  // Not hono's bearerAuth: it takes only RFC 6750 token characters, and the token rule is wider (token.ts).
  const token = options.token;
  if (token) {
    app.use("*", async (c, next) => {
      if (c.req.path === apiRoutes.health.path) return next();
      const header = c.req.header("authorization");
      if (header === undefined) return fail(c, 401, "Authorization: missing; send 'Authorization: Bearer <token>'");
      if (!header.startsWith("Bearer ")) return fail(c, 401, "Authorization: expected 'Bearer <token>'");
      if (!authorizes(header, token)) return fail(c, 401, "Authorization: wrong token");
      return next();
    });
  }

  app.use("*", async (c, next) => {
    const answered =
      c.req.path !== apiRoutes.health.path && c.req.path !== metricsRoute.path ? options.onCoordinatorCall?.() : undefined;
    try {
      await next();
    } finally {
      answered?.();
    }
  });

  for (const [call, route] of Object.entries(apiRoutes) as [WorkerCall, ApiRoute][]) {
    const handler = handlers[call] as Handler<WorkerCall>;
    app.on(route.method, route.path, async (c) => {
      const refused = options.refusal?.(call);
      if (refused) return fail(c, 409, refused);
      let body: unknown;
      if (route.body) {
        const parsed = await parseBody(c, route.body);
        if (!parsed.ok) return fail(c, 400, parsed.error);
        body = parsed.value;
      }
      try {
        const result = await handler(options.worker, body as never);
        return result === undefined ? c.body(null, 204) : c.json(result);
      } catch (error) {
        return fail(c, statusOf(error), error instanceof Error ? error.message : String(error));
      }
    });
  }

  app.get(metricsRoute.path, async (c) => {
    try {
      return c.text(await options.metrics(), 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
    } catch (error) {
      return fail(c, 500, error instanceof Error ? error.message : String(error));
    }
  });

  app.notFound((c) => fail(c, 404, `no route ${c.req.method} ${c.req.path}; see docs/worker-api.md`));
  // Middleware (token, body limit) throws HTTPException carrying its own response.
  app.onError((error, c) => (error instanceof HTTPException ? error.getResponse() : fail(c, 500, error.message)));
  return app;
}

async function parseBody(
  c: Context,
  schema: v.GenericSchema,
): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
  const text = await c.req.text();
  if (text.trim() === "") return { ok: false, error: "body: missing; expected a JSON object" };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `body: not valid JSON (${(error as Error).message})` };
  }
  const prototypeKey = findPrototypeKey(json);
  if (prototypeKey) return { ok: false, error: `body.${prototypeKey}: prototype keys (__proto__, constructor, prototype) are refused` };
  const result = v.safeParse(schema, json);
  return result.success ? { ok: true, value: result.output } : { ok: false, error: describeIssues(result.issues) };
}
