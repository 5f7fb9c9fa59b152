// The chart's pods, without a cluster: the worker and coordinator commands that
// `helm template` renders, run as they are on loopback against the test broker.
// Only what Kubernetes itself would supply is filled in: $(POD_NAME), OMB_TOKEN
// from the Secret, the ConfigMap's files at /etc/omb, the results volume, and the
// workers' DNS names, which only a cluster resolves (so the workers listen on a
// free loopback port). A run that ends ok proves the args parse, the token of
// the Secret reaches both sides, and the ConfigMap's workload and driver run.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type OmbProcess, readOnlyResult, startOmb } from "../../test/support/cli";
import { KAFKA_BOOTSTRAP } from "../../test/support/kafka";
import { type ChartTools, chartTools, container, type Doc, flag, kind, render, TOOLS_TIMEOUT_MS } from "./render";

const ROOT = join(import.meta.dir, "..", "..");
const WORKERS = 2;
const WORKLOAD = `name: chart commands
topics: 1
partitionsPerTopic: 4
messageSize: 256
producersPerTopic: 1
producerRate: 500
subscriptionsPerTopic: 1
consumerPerSubscription: 1
testDurationSeconds: 6
warmupDurationSeconds: 0
`;

let tools: ChartTools;
let dir = "";
const started: OmbProcess[] = [];

beforeAll(() => {
  tools = chartTools();
  dir = mkdtempSync(join(tmpdir(), "omb-chart-run-"));
}, TOOLS_TIMEOUT_MS + 60_000);

afterAll(async () => {
  for (const p of started) p.process.kill("SIGTERM");
  await Promise.all(started.map((p) => p.exited));
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

test("the rendered worker and coordinator commands run a workload from the ConfigMap to an ok result", async () => {
  const workloadFile = join(dir, "workload-value.yaml");
  writeFileSync(workloadFile, WORKLOAD);
  const docs = render(tools, [
    "--set", `workers.replicas=${WORKERS}`,
    "--set", "workers.processes=1",
    "--set", `kafka.bootstrapServers=${KAFKA_BOOTSTRAP}`,
    "--set", "coordinator.statsInterval=2s",
    "--set-file", `workload=${workloadFile}`,
    // One replica: the test broker is a single node.
    "--set-file", `driver=${join(ROOT, "configs", "throughput.yaml")}`,
  ]);
  const token = Buffer.from(kind(docs, "Secret").data.token, "base64").toString();
  const sts = kind(docs, "StatefulSet");
  const workerArgs: string[] = container(sts).args;

  const workers = Array.from({ length: WORKERS }, (_, i) => {
    const args = workerArgs.map((a) => a.replace("$(POD_NAME)", `${sts.metadata.name}-${i}`).replace(/^--port=\d+$/, "--port=0"));
    const p = startOmb([...args, "--host=127.0.0.1"], { OMB_TOKEN: token });
    started.push(p);
    return p;
  });
  const urls = await Promise.all(workers.map(async (w) => /listening on (\S+)$/.exec(await w.waitFor(/ listening on /, 30_000))![1]!));

  // The ConfigMap's files where the Job mounts them, and the results volume.
  const etc = join(dir, "etc-omb");
  const results = join(dir, "results");
  mkdirSync(etc);
  mkdirSync(results);
  const data = kind(docs, "ConfigMap").data;
  for (const name of ["workload.yaml", "driver.yaml"]) writeFileSync(join(etc, name), data[name]);
  const job: Doc = container(kind(docs, "Job"));
  expect(flag(job.args, "--workers").split(",")).toHaveLength(WORKERS);
  const coordinatorArgs = job.args.map((a: string) =>
    a.startsWith("--workers=") ? `--workers=${urls.join(",")}` : a.replace("/etc/omb", etc).replace(/^--output=\/results$/, `--output=${results}`),
  );
  const coordinator = startOmb(coordinatorArgs, { OMB_TOKEN: token });
  const code = await coordinator.exited;
  expect({ code, log: code === 0 ? "" : coordinator.lines.join("\n") }).toEqual({ code: 0, log: "" });

  const result = readOnlyResult(results);
  expect(result.omb.status).toBe("ok");
  expect(result.workload).toBe("chart commands");
  expect(result.omb.workers.map((w) => w.id).sort()).toEqual([...urls].sort());
  expect(result.omb.workers.reduce((n, w) => n + w.messagesReceived, 0)).toBeGreaterThan(1000);
  // --format json,csv,html from the values: the three files, the JSON's sidecar, and the summary in the log names them.
  expect(readdirSync(results).map((f) => f.split(".").at(-1)).sort()).toEqual(["csv", "html", "json", "omb"]);
  expect(coordinator.lines.join("\n")).toContain(results);
}, 180_000);
