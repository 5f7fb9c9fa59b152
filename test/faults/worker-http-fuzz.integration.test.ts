// Worker HTTP fuzz on loopback: 360 malformed, oversized, wrong-type and
// wrong-order requests against a real `omb worker` with two children, mixed
// with valid calls so that every state (idle, initialized, running, stopped) is
// fuzzed. The worker must answer every one below 500, stay up, leave no child
// after stop-all, and its memory must come back near where it started.
// Deterministic (seeded); topics are created on the shared broker under one
// prefix and deleted at the end.
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { DriverConfig } from "../../src/config/types";
import { KAFKA_BOOTSTRAP } from "../support/kafka";
import { prng } from "../support/prng";
import { childrenOf, rssMb } from "../support/processes";
import { type WorkerProcess, pollUntil, startWorkerProcess } from "../support/worker-process";

const REQUESTS = 360;
const token = `fuzz p@ss!"{}~`;
const prefix = `omb-fuzz-${Date.now().toString(36)}`;
const driver: DriverConfig = {
  name: "fuzz",
  driverClass: "io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver",
  client: "kafkajs",
  replicationFactor: 1,
  reset: false,
  topicConfig: {},
  commonConfig: { "bootstrap.servers": KAFKA_BOOTSTRAP },
  producerConfig: { acks: -1, "linger.ms": 1 },
  consumerConfig: {},
};

let wp: WorkerProcess;
beforeAll(async () => {
  wp = await startWorkerProcess(["--processes", "2", "--deadman", "0"], { OMB_TOKEN: token });
});
afterAll(async () => {
  await call("POST", "/stop-all").catch(() => {});
  await call("POST", "/initialize-driver", JSON.stringify(driver)).catch(() => {});
  const listed = await call("POST", "/list-topics", JSON.stringify({ prefix })).catch(() => undefined);
  const names = listed?.status === 200 ? ((await listed.json()) as string[]) : [];
  if (names.length) await call("POST", "/delete-topics", JSON.stringify({ names })).catch(() => {});
  await call("POST", "/stop-all").catch(() => {});
  await wp.terminate();
});

function call(method: string, path: string, body?: string | Uint8Array, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(wp.url + path, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", ...headers },
    body: body as BodyInit | undefined,
    signal: AbortSignal.timeout(60_000),
  });
}

const { random, pick } = prng(7);

const ROUTES: [string, string][] = [
  ["GET", "/health"], ["POST", "/initialize-driver"], ["POST", "/create-topics"], ["POST", "/delete-topics"], ["POST", "/list-topics"],
  ["POST", "/create-producers"], ["POST", "/create-consumers"], ["GET", "/consumers-ready"], ["POST", "/probe-producers"],
  ["POST", "/start-load"], ["POST", "/adjust-publish-rate"], ["POST", "/pause-consumers"], ["POST", "/resume-consumers"],
  ["GET", "/period-stats"], ["GET", "/cumulative-latencies"], ["GET", "/counters-stats"], ["POST", "/reset-stats"],
  ["POST", "/stop-load"], ["POST", "/stop-all"], ["GET", "/metrics"],
];
const WEIRD = [
  null, true, 0, -1, 2 ** 31, 2 ** 53, 1e308, -0.5, "", "x".repeat(100_000), "\u0000", "\u202e", [], [[]], {}, { a: [] },
  { __proto__: null }, Number.MAX_SAFE_INTEGER, "8", "NaN",
];
const BAD_HEADERS: Record<string, string>[] = [
  { authorization: "Bearer wrong" }, { authorization: "Basic x" }, { authorization: "" }, { "content-type": "text/plain" }, { "content-length": "5" },
];
const topic = (i: number) => `${prefix}-t${i % 3}`;
let ids = 0;

/** A valid body for a route, so the fuzz also walks the worker through its states. */
function validBody(path: string): string | undefined {
  switch (path) {
    case "/initialize-driver":
      return JSON.stringify(driver);
    case "/create-topics":
      return JSON.stringify({ topics: [{ name: topic(ids++), partitions: 1 + Math.floor(random() * 3) }] });
    case "/delete-topics":
      return JSON.stringify({ names: [topic(ids++)] });
    case "/list-topics":
      return JSON.stringify({ prefix });
    case "/create-producers":
      return JSON.stringify({ producers: [{ id: `p${ids++}`, topic: topic(0) }] });
    case "/create-consumers":
      return JSON.stringify({ consumers: [{ id: `c${ids++}`, topic: topic(0), subscription: `${prefix}-sub` }] });
    case "/start-load":
      return JSON.stringify({ workerRate: 50, payload: { kind: "random", size: 100, randomBytesRatio: 0.5, poolSize: 4 }, keyDistributor: "NO_KEY" });
    case "/adjust-publish-rate":
      return JSON.stringify({ workerRate: Math.floor(random() * 200) });
    default:
      return undefined;
  }
}

/** Replaces one value somewhere in a JSON body with a value of the wrong type or size. */
function wrongValue(body: string): string {
  const json = JSON.parse(body) as Record<string, unknown>;
  let node: Record<string, unknown> = json;
  for (let depth = 0; depth < 3; depth++) {
    const keys = Object.keys(node);
    if (keys.length === 0) break;
    const key = pick(keys);
    const next = node[key];
    if (next && typeof next === "object" && random() < 0.6) {
      const inner = Array.isArray(next) ? next[0] : next;
      if (inner && typeof inner === "object") {
        node = inner as Record<string, unknown>;
        continue;
      }
    }
    node[key] = pick(WEIRD);
    break;
  }
  return JSON.stringify(json);
}

/** One fuzzed request: [method, path, body, headers]. */
function fuzzed(i: number): [string, string, string | Uint8Array | undefined, Record<string, string>] {
  const [method, path] = pick(ROUTES);
  const valid = validBody(path) ?? "{}";
  switch (i % 12) {
    case 0:
    case 1:
    case 2:
      return [method, path, validBody(path), {}]; // valid, in a random order (wrong order most of the time)
    case 3:
    case 4:
      return [method, path, wrongValue(valid), {}];
    case 5:
      return [method, path, valid.slice(0, Math.floor(random() * valid.length)), {}]; // truncated JSON
    case 6:
      return [method, path, crypto.getRandomValues(new Uint8Array(1 + Math.floor(random() * 4096))), {}]; // binary noise
    case 7:
      return [method, path, "x".repeat(1024 * 1024 + 1 + Math.floor(random() * 1024 * 1024)), {}]; // over the body limit
    case 8:
      return [method, path, valid.replace("{", `{"${pick(["__proto__", "constructor", "prototype"])}": {"x": 1},`), {}];
    case 9:
      return [method === "GET" ? "POST" : pick(["GET", "PUT", "DELETE", "PATCH"]), path, valid, {}]; // wrong method
    case 10:
      return [method, pick([`${path}/x`, path.toUpperCase(), `/${"a".repeat(5000)}`, `${path}?x=${"%".repeat(10)}`]), valid, {}];
    default:
      return [method, path, valid, pick(BAD_HEADERS)];
  }
}

test(`worker HTTP fuzz: ${REQUESTS} bad and out-of-order requests; no 5xx, no crash, no leaked child, memory back near its start`, async () => {
  const pid = wp.process.pid;
  // Warm up once through a whole session, so the start figure is a worker that has run.
  await call("POST", "/initialize-driver", JSON.stringify(driver));
  await call("POST", "/stop-all");
  const startRss = rssMb(pid);
  const fivexx: string[] = [];
  const statuses = new Map<number, number>();
  for (let i = 0; i < REQUESTS; i++) {
    const [method, path, body, headers] = fuzzed(i);
    // Bursts of concurrent calls now and then: wrong order also means at the same time.
    const burst = i % 30 === 0 ? 4 : 1;
    const answers = await Promise.all(
      Array.from({ length: burst }, () =>
        call(method, path, method === "GET" || method === "HEAD" ? undefined : body, headers).then(
          async (r) => ({ status: r.status, text: await r.text() }),
          (e: Error) => ({ status: -1, text: e.message }),
        ),
      ),
    );
    for (const a of answers) {
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      if (a.status >= 500 || a.status < 0) fivexx.push(`#${i} ${method} ${path.slice(0, 80)} → ${a.status} ${a.text.slice(0, 300)}`);
    }
    expect(wp.process.exitCode).toBeNull();
  }
  console.log(`worker HTTP fuzz: statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  expect(fivexx).toEqual([]);

  const stopped = await call("POST", "/stop-all");
  expect(stopped.status).toBe(200);
  const health = (await (await call("GET", "/health")).json()) as { state: string; children: unknown[] };
  expect({ state: health.state, children: health.children }).toEqual({ state: "idle", children: [] });
  await pollUntil("no child left", 15_000, async () => (childrenOf(pid).length === 0 ? true : undefined));
  // Large bodies were read and dropped; what the worker holds must come back near the start.
  const endRss = rssMb(pid);
  console.log(`worker RSS: ${startRss.toFixed(0)} MB at start, ${endRss.toFixed(0)} MB after the fuzz`);
  expect(endRss).toBeLessThan(startRss * 1.5 + 32);
}, 300_000);
