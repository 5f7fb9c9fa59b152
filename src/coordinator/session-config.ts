// Everything a session needs from files, loaded and checked before any worker
// is touched: workloads (with the command line overrides), driver configs and
// the worker list. Every problem of every file is collected (exit 2).
import { existsSync } from "node:fs";
import { ConfigError, loadDriverConfig, loadWorkersFile, loadWorkload } from "../config";
import type { LoadedDriverConfig, LoadedWorkload, Workload } from "../config/types";
import type { RunOverrides, SessionOptions } from "./options";
import { resultTarget } from "../result/writer";
import type { TestSpec } from "./run-test";

export type Loaded<T> = { ok: true; value: T } | { ok: false; problems: string[] };

function attempt<T>(load: () => T, problems: string[]): T | undefined {
  try {
    return load();
  } catch (error) {
    if (error instanceof ConfigError) problems.push(...error.format().split("\n"));
    else problems.push((error as Error).message);
    return undefined;
  }
}

export function applyOverrides(workload: Workload, overrides: RunOverrides): Workload {
  return {
    ...workload,
    testDurationSeconds: overrides.durationSeconds ?? workload.testDurationSeconds,
    warmupDurationSeconds: overrides.warmupSeconds ?? workload.warmupDurationSeconds,
    producerRate: overrides.rate ?? workload.producerRate,
  };
}

/** Every workload × driver pair, in the order given (workloads outer, as Java OMB). */
export function loadTests(options: SessionOptions): Loaded<TestSpec[]> {
  const problems: string[] = [];
  const workloads = options.workloads
    .map((ref) => attempt(() => loadWorkload(ref), problems))
    .filter((w): w is LoadedWorkload => w !== undefined);
  const drivers = options.drivers
    .map((ref) => attempt(() => loadDriverConfig(ref, { bootstrapServers: options.bootstrapServers, strict: options.strict, client: options.client }), problems))
    .filter((d): d is LoadedDriverConfig => d !== undefined)
    .map((d) => (options.replicationFactor === undefined ? d : { ...d, driver: { ...d.driver, replicationFactor: options.replicationFactor } }));
  const tests: TestSpec[] = [];
  for (const workloadRef of workloads) {
    const workload = applyOverrides(workloadRef.workload, options.overrides);
    if (workload.consumerBacklogSizeGB > 0 && workload.producerRate <= 0) {
      problems.push(`${workloadRef.source}: --rate 0 asks for max-rate discovery, which cannot run with a backlog test (consumerBacklogSizeGB ${workload.consumerBacklogSizeGB})`);
    }
    for (const driverRef of drivers) tests.push({ workloadRef, workload, driverRef });
  }
  if (tests.length > 1 && "file" in resultTarget(options.output)) {
    problems.push(`-o ${options.output}: names one result file, but ${workloads.length} workload(s) × ${drivers.length} driver(s) make ${tests.length} results; give a folder instead`);
  }
  for (const d of drivers) {
    if (!d.driver.commonConfig["bootstrap.servers"]) {
      problems.push(`${d.source}: commonConfig has no bootstrap.servers; set it in the file or pass --bootstrap-servers host:port`);
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: tests };
}

/** -w, else -wf, else ./workers.yaml when present (as Java OMB); none is an empty list. */
export function resolveWorkerUrls(options: SessionOptions): Loaded<string[]> {
  if (options.workers.length) return { ok: true, value: options.workers };
  const file = options.workersFile ?? (existsSync("workers.yaml") ? "workers.yaml" : undefined);
  // None at all: the caller runs on this host (Java OMB's in-process worker).
  if (!file) return { ok: true, value: [] };
  const problems: string[] = [];
  const loaded = attempt(() => loadWorkersFile(file), problems);
  return loaded ? { ok: true, value: loaded.workers } : { ok: false, problems };
}
