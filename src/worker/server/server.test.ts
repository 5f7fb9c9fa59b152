// The worker's HTTP layer against a recording fake Worker, through the real
// HTTP client over a real Bun.serve: validation (400), body limit (413), token
// (401), state errors (409), timeouts and error messages naming the worker.
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { DriverConfig } from "../../config/types";
import { maxBodyBytes } from "../api/routes";
import { WorkerStateError } from "../api/errors";
import { HttpWorker } from "../client/http-worker";
import { createWorkerApp } from "./server";
import type { Worker } from "../api/worker";
import type { WorkerHealth } from "../api/types";

const calls: { name: string; args: unknown[] }[] = [];
let coordinatorCalls = 0;
/** While set, every call but stop is refused with it (as after a deadman stop). */
let refused: string | undefined;

const health: WorkerHealth = { id: "fake", version: "0", processes: 1, state: "idle", uptimeSeconds: 0, crashed: [] };
const fake = new Proxy({} as Worker, {
  get(_target, name: string) {
    return async (...args: unknown[]) => {
      calls.push({ name, args });
      if (name === "health") return health;
      if (name === "startLoad") throw new WorkerStateError("cannot start load in state idle");
      if (name === "listTopics") return ["a", "b"];
      if (name === "counters") return new Promise(() => {}); // never answers
      return undefined;
    };
  },
});

// Characters hono's bearerAuth refused (any printable ASCII is a valid token; see token.ts).
const token = `p@ss!w0rd "x" ~{}`;
let server: ReturnType<typeof Bun.serve>;
let url: string;

beforeAll(() => {
  const app = createWorkerApp({
    worker: fake,
    token,
    onCoordinatorCall: () => {
      coordinatorCalls++;
    },
    refusal: (call) => (call === "stop" ? undefined : refused),
    metrics: async () => "omb_up 1\n",
  });
  server = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: app.fetch, idleTimeout: 30 });
  url = `http://127.0.0.1:${server.port}`;
});

afterAll(() => server.stop(true));

const post = (path: string, body: string, auth = `Bearer ${token}`) =>
  fetch(url + path, { method: "POST", headers: { authorization: auth, "content-type": "application/json" }, body });

const errorOf = async (response: Response) => ((await response.json()) as { error: string }).error;

const driver: DriverConfig = {
  name: "k",
  driverClass: "io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver",
  client: "kafkajs",
  replicationFactor: 1,
  reset: false,
  topicConfig: {},
  commonConfig: { "bootstrap.servers": "127.0.0.1:9092" },
  producerConfig: { acks: -1 },
  consumerConfig: {},
};

test("valid calls reach the worker with typed arguments", async () => {
  const client = new HttpWorker(`${url}/`, { token });
  calls.length = 0;
  await client.initializeDriver(driver);
  await client.createTopics([{ name: "t", partitions: 8 }]);
  expect(await client.listTopics("omb-")).toEqual(["a", "b"]);
  await client.adjustRate(1500);
  expect(calls).toEqual([
    { name: "initializeDriver", args: [driver] },
    { name: "createTopics", args: [[{ name: "t", partitions: 8 }]] },
    { name: "listTopics", args: ["omb-"] },
    { name: "adjustRate", args: [1500] },
  ]);
  expect(client.id).toBe(url);
});

test("wrong types and missing fields get 400 naming the field", async () => {
  calls.length = 0;
  const wrongType = await post("/create-topics", JSON.stringify({ topics: [{ name: "t", partitions: "8" }] }));
  expect(wrongType.status).toBe(400);
  expect((await errorOf(wrongType))).toMatch(/^body\.topics\.0\.partitions: Invalid type: Expected number/);

  const missing = await post("/start-load", JSON.stringify({ workerRate: 10, keyDistributor: "NO_KEY" }));
  expect(missing.status).toBe(400);
  expect((await errorOf(missing))).toMatch(/body\.payload: Invalid key/);

  const unknownKey = await post("/adjust-publish-rate", JSON.stringify({ workerRate: 1, rate: 2 }));
  expect((await errorOf(unknownKey))).toMatch(/body\.rate/);

  const notJson = await post("/list-topics", "{prefix:");
  expect(notJson.status).toBe(400);
  expect((await errorOf(notJson))).toMatch(/^body: not valid JSON/);

  const empty = await post("/initialize-driver", "");
  expect((await errorOf(empty))).toBe("body: missing; expected a JSON object");

  const dupes = await post("/create-producers", JSON.stringify({ producers: [{ id: "p", topic: "t" }, { id: "p", topic: "t" }] }));
  expect((await errorOf(dupes))).toBe("body.producers: ids must be unique");
  expect(calls).toEqual([]);
});

test("values beyond what Kafka or a process accepts get 400 naming the field, before the worker is called", async () => {
  calls.length = 0;
  const load = { workerRate: 10, keyDistributor: "NO_KEY" };
  const cases: [string, unknown, RegExp][] = [
    ["/create-topics", { topics: [{ name: "t", partitions: 2 ** 31 }] }, /^body\.topics\.0\.partitions: Invalid value: Expected <=2147483647/],
    ["/create-topics", { topics: [{ name: "x".repeat(100_000), partitions: 1 }] }, /^body\.topics\.0\.name: must be a Kafka topic name/],
    ["/create-topics", { topics: [{ name: "a/b", partitions: 1 }] }, /^body\.topics\.0\.name: must be a Kafka topic name/],
    ["/create-topics", { topics: [{ name: "..", partitions: 1 }] }, /^body\.topics\.0\.name: must be a Kafka topic name/],
    ["/create-producers", { producers: [{ id: "p\u0000", topic: "t" }] }, /^body\.producers\.0\.id: must be 1 to 200 printable/],
    ["/create-producers", { producers: [{ id: "constructor", topic: "t" }] }, /^body\.producers\.0\.id: must not be __proto__/],
    ["/start-load", { ...load, payload: { kind: "zeros", size: 2 ** 53 } }, /^body\.payload\.size: Invalid value: Expected <=67108864/],
    ["/start-load", { ...load, payload: { kind: "random", size: 1_000_000, randomBytesRatio: 1, poolSize: 1000 } }, /^body\.payload: size × poolSize must be at most/],
    ["/adjust-publish-rate", { workerRate: 1e300 }, /^body\.workerRate: Invalid value/],
    ["/initialize-driver", { ...driver, commonConfig: [] }, /^body\.commonConfig: must be an object of properties/],
    ["/initialize-driver", { ...driver, replicationFactor: 40_000 }, /^body\.replicationFactor: Invalid value/],
    ["/initialize-driver", { ...driver, name: "a\u202eb" }, /^body\.name: must be 1 to 200 printable/],
    ["/list-topics", { prefix: "a b" }, /^body\.prefix: must be the start of a Kafka topic name/],
  ];
  for (const [path, body, reason] of cases) {
    const response = await post(path, JSON.stringify(body));
    expect([path, response.status]).toEqual([path, 400]);
    expect(await errorOf(response)).toMatch(reason);
  }
  // JSON.stringify drops __proto__ keys of object literals; the raw text keeps them.
  for (const key of ["__proto__", "constructor", "prototype"]) {
    const raw = `{"name":"k","driverClass":"x","client":"kafkajs","replicationFactor":1,"reset":false,"topicConfig":{"${key}":{"polluted":1}},"commonConfig":{},"producerConfig":{},"consumerConfig":{}}`;
    const response = await post("/initialize-driver", raw);
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toBe(`body.topicConfig.${key}: prototype keys (__proto__, constructor, prototype) are refused`);
  }
  expect(calls).toEqual([]);
});

test("a body over the limit gets 413", async () => {
  const big = JSON.stringify({ prefix: "x".repeat(maxBodyBytes) });
  const response = await post("/list-topics", big);
  expect(response.status).toBe(413);
  expect((await errorOf(response))).toMatch(/larger than the limit of 1048576 bytes/);
});

test("every route but /health needs the token; /health and /metrics do not feed the deadman", async () => {
  const none = await fetch(`${url}/period-stats`);
  expect(none.status).toBe(401);
  expect((await errorOf(none))).toMatch(/missing/);
  const wrong = await fetch(`${url}/period-stats`, { headers: { authorization: "Bearer nope" } });
  expect(wrong.status).toBe(401);
  expect((await errorOf(wrong))).toBe("Authorization: wrong token");
  expect((await fetch(`${url}/metrics`)).status).toBe(401);

  const before = coordinatorCalls;
  expect((await fetch(`${url}/health`)).status).toBe(200);
  const metrics = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(await metrics.text()).toBe("omb_up 1\n");
  expect(metrics.headers.get("content-type")).toStartWith("text/plain; version=0.0.4");
  expect(coordinatorCalls).toBe(before);
  await post("/reset-stats", "");
  expect(coordinatorCalls).toBe(before + 1);
});

test("client errors name the worker URL, the call and the reason", async () => {
  const client = new HttpWorker(url, { token });
  await expect(client.startLoad({ workerRate: 1, payload: { kind: "zeros", size: 10 }, keyDistributor: "NO_KEY" }))
    .rejects.toThrow(`worker ${url}: POST /start-load answered 409: cannot start load in state idle`);
  await expect(new HttpWorker(url, { token: "bad" }).resetStats()).rejects.toThrow(
    `worker ${url}: POST /reset-stats answered 401: Authorization: wrong token`,
  );
  // counters never answers on the fake: the client's bound (10 s × 0.02) applies.
  await expect(new HttpWorker(url, { token, timeoutScale: 0.02 }).counters()).rejects.toThrow(
    `worker ${url}: GET /counters-stats timed out after 0.2 s`,
  );
  await expect(new HttpWorker("http://127.0.0.1:1").health()).rejects.toThrow(
    /^worker http:\/\/127\.0\.0\.1:1: GET \/health failed: /,
  );
});

test("a refused call gets 409 with the reason and never reaches the worker", async () => {
  const client = new HttpWorker(url, { token });
  calls.length = 0;
  refused = "the deadman switch stopped this run";
  try {
    await expect(client.periodStats()).rejects.toThrow(`worker ${url}: GET /period-stats answered 409: the deadman switch stopped this run`);
    await client.stop();
  } finally {
    refused = undefined;
  }
  await client.resetStats();
  expect(calls.map((c) => c.name)).toEqual(["stop", "resetStats"]);
});

test("unknown routes get 404 and the server keeps serving", async () => {
  const response = await fetch(`${url}/nope`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(404);
  expect((await errorOf(response))).toBe("no route GET /nope; see docs/worker-api.md");
  // The server adds its clock (for the coordinator's clock offset estimate).
  expect(await new HttpWorker(url).health()).toEqual({ ...health, now: expect.any(Number) });
});
