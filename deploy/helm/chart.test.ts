// The Helm chart, checked without a cluster: `helm lint`, `helm template` for the
// default values and for the 16-worker example, and every rendered manifest
// validated against the Kubernetes API schemas (kubernetes-validate, strict: an
// unknown field fails) for the oldest and newest Kubernetes the chart supports.
// The flags the chart passes are checked against omb's own --help, and the
// workload and driver it ships against `omb validate`. Helm and
// kubernetes-validate come from deploy/helm/tools.sh (built once into the cache).
import { beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CHART, type ChartTools, chartTools, container, type Doc, flag, kind, NAMESPACE, render as renderWith, renderToFile as renderFileWith, run, TOOLS_TIMEOUT_MS } from "./render";

const HERE = import.meta.dir;
const MAIN = join(HERE, "..", "..", "src", "cli", "main.ts");
const SIXTEEN = join(HERE, "examples", "16-workers.yaml");
/** The chart's kubeVersion floor, and the newest schemas kubernetes-validate carries. */
const KUBE_VERSIONS = ["1.27.0", "1.37.0"];

let tools: ChartTools;
const render = (flags: string[]) => renderWith(tools, flags);
const renderToFile = (flags: string[]) => renderFileWith(tools, flags);

beforeAll(() => {
  tools = chartTools();
}, TOOLS_TIMEOUT_MS + 60_000);

describe("helm lint", () => {
  test.each([
    ["default values", []],
    ["16 workers", ["-f", SIXTEEN]],
  ])("passes for %s", (_, flags) => {
    const r = run([tools.helm, "lint", "--strict", CHART, ...flags]);
    expect(r.out + r.err, r.out + r.err).toContain("0 chart(s) failed");
    expect(r.code).toBe(0);
  });

  test("fails for values the chart's schema refuses, naming the field", () => {
    const r = run([tools.helm, "lint", "--strict", CHART, "-f", join(HERE, "testdata", "bad-replicas.yaml")]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("/workers/replicas");
  });
});

describe("rendered manifests", () => {
  test.each([
    ["default values", []],
    ["16 workers", ["-f", SIXTEEN]],
  ])("for %s pass the Kubernetes API schemas", (_, flags) => {
    const file = renderToFile(flags);
    for (const version of KUBE_VERSIONS) {
      const r = run([tools.validator, "--strict", "--quiet", "-k", version, file]);
      expect(r.out + r.err, `kubernetes ${version}`).toBe("");
      expect(r.code).toBe(0);
    }
  });

  test("a misspelt field passed through the values fails schema validation", () => {
    const file = renderToFile(["-f", join(HERE, "testdata", "bad-env-field.yaml")]);
    const r = run([tools.validator, "--strict", "--quiet", "-k", "1.37.0", file]);
    expect(r.code).not.toBe(0);
    expect(r.out + r.err).toContain("'valeu' was unexpected");
  });

  test("the 16-worker render gives the coordinator the 16 stable worker names", () => {
    const docs = render(["-f", SIXTEEN]);
    const sts = kind(docs, "StatefulSet");
    const name = sts.metadata.name;
    expect(sts.spec.replicas).toBe(16);
    const urls = flag(container(kind(docs, "Job")).args, "--workers").split(",");
    expect(urls).toEqual(Array.from({ length: 16 }, (_, i) => `http://${name}-${i}.${name}.${NAMESPACE}.svc.cluster.local:8080`));
  });

  test("workers: a StatefulSet behind a headless Service, probed on /health, scraped on /metrics", () => {
    const docs = render([]);
    const sts = kind(docs, "StatefulSet");
    const svc = kind(docs, "Service");
    expect(svc.spec.clusterIP).toBe("None");
    expect(sts.spec.serviceName).toBe(svc.metadata.name);
    expect(svc.spec.selector).toEqual(sts.spec.template.metadata.labels);
    const worker = container(sts);
    expect(worker.livenessProbe.httpGet).toEqual({ path: "/health", port: "http" });
    expect(worker.readinessProbe.httpGet).toEqual({ path: "/health", port: "http" });
    expect(worker.resources.requests).toEqual({ cpu: "2", memory: "2Gi" });
    expect(sts.spec.template.metadata.annotations).toMatchObject({ "prometheus.io/scrape": "true", "prometheus.io/port": "8080", "prometheus.io/path": "/metrics" });
  });

  test("the coordinator Job runs the ConfigMap's workload and driver and keeps the results on a claim", () => {
    const docs = render([]);
    const job = kind(docs, "Job");
    const coordinator = container(job);
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe("Never");
    expect(job.spec.backoffLimit).toBe(0);
    expect(coordinator.args[0]).toBe("coordinate");
    expect(coordinator.args.at(-1)).toBe("/etc/omb/workload.yaml");
    expect(flag(coordinator.args, "--drivers")).toBe("/etc/omb/driver.yaml");
    expect(flag(coordinator.args, "--output")).toBe("/results");
    expect(flag(coordinator.args, "--bootstrap-servers")).toBe("kafka:9092");
    const mount = (path: string) => pod.volumes.find((v: Doc) => v.name === coordinator.volumeMounts.find((m: Doc) => m.mountPath === path).name);
    expect(mount("/etc/omb").configMap.name).toBe(kind(docs, "ConfigMap").metadata.name);
    expect(mount("/results").persistentVolumeClaim.claimName).toBe(kind(docs, "PersistentVolumeClaim").metadata.name);
    expect(coordinator.resources.requests).toEqual({ cpu: "500m", memory: "512Mi" });
  });

  test("workers and coordinator read the token from the chart's Secret, or from an existing one", () => {
    const tokenRef = (docs: Doc[], k: string) => container(kind(docs, k)).env.find((e: Doc) => e.name === "OMB_TOKEN").valueFrom.secretKeyRef;
    const made = render([]);
    const secret = kind(made, "Secret");
    expect(Buffer.from(secret.data.token, "base64").toString()).toMatch(/^[A-Za-z0-9]{32}$/);
    for (const k of ["StatefulSet", "Job"]) expect(tokenRef(made, k)).toEqual({ name: secret.metadata.name, key: "token" });
    const existing = render(["--set", "token.existingSecret=bench-token"]);
    expect(existing.some((d) => d.kind === "Secret")).toBe(false);
    for (const k of ["StatefulSet", "Job"]) expect(tokenRef(existing, k)).toEqual({ name: "bench-token", key: "token" });
    for (const doc of [...made, ...existing]) expect(JSON.stringify(doc)).not.toContain("--token");
  });

  test("coordinator.enabled=false renders workers only", () => {
    const kinds = render(["--set", "coordinator.enabled=false"]).map((d) => d.kind).sort();
    expect(kinds).toEqual(["Secret", "Service", "StatefulSet"]);
  });
});

describe("what the chart hands to omb", () => {
  test.each([
    ["StatefulSet", "worker"],
    ["Job", "coordinate"],
  ])("every flag of the %s is one `omb %s --help` lists", (k, command) => {
    const args: string[] = container(kind(render(["-f", SIXTEEN]), k)).args;
    expect(args[0]).toBe(command);
    const help = run([process.execPath, MAIN, command, "--help"]).out;
    const flags = args.filter((a) => a.startsWith("--")).map((a) => a.split("=")[0]!);
    expect(flags.length).toBeGreaterThan(3);
    for (const f of flags) expect(help, f).toContain(`${f}=`);
  });

  test.each([
    ["default values", []],
    ["16 workers", ["-f", SIXTEEN]],
  ])("the workload and driver of the ConfigMap for %s pass `omb validate`", (_, flags) => {
    const data = kind(render(flags as string[]), "ConfigMap").data;
    const dir = mkdtempSync(join(tmpdir(), "omb-chart-"));
    for (const name of ["workload.yaml", "driver.yaml"]) writeFileSync(join(dir, name), data[name]);
    const r = run([process.execPath, MAIN, "validate", "--strict", join(dir, "workload.yaml"), join(dir, "driver.yaml")]);
    expect(r.out + r.err, r.out + r.err).not.toContain("error");
    expect(r.code).toBe(0);
  });

  test("the image's entrypoint is omb and the chart gives arguments only", () => {
    const containerfile = readFileSync(join(HERE, "..", "Containerfile"), "utf8");
    expect(containerfile).toMatch(/^ENTRYPOINT \["\/usr\/local\/bin\/omb"\]$/m);
    for (const k of ["StatefulSet", "Job"]) expect(container(kind(render([]), k)).command).toBeUndefined();
  });
});
