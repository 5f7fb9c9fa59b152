// A worker's session lifecycle against fake children that speak the real IPC
// protocol: one session at a time, every child in /health, none left by stop-all.
import { afterEach, expect, test } from "bun:test";
import type { DriverConfig } from "../../config/types";
import { WorkerStateError } from "../api/errors";
import { LocalWorker, type SystemSampler } from "./local-worker";
import { childrenOf } from "../../../test/support/processes";

const fakeChildScript = `${import.meta.dir}/../../../test/support/fake-child.ts`;
const system: SystemSampler = { drain: () => [], all: () => [], reset() {}, latest: () => undefined, close() {} };
const driver: DriverConfig = {
  name: "fake",
  driverClass: "io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver",
  client: "kafkajs",
  replicationFactor: 1,
  reset: false,
  topicConfig: {},
  commonConfig: { "bootstrap.servers": "127.0.0.1:1" },
  producerConfig: {},
  consumerConfig: {},
};

let worker: LocalWorker | undefined;

afterEach(async () => {
  await worker?.stop();
});

function newWorker(processes: number): LocalWorker {
  worker = new LocalWorker({ workerId: "t", processes, system, command: () => [process.execPath, fakeChildScript] });
  return worker;
}

/** This process's children running the fake child: what really runs, not what the pool says. */
const fakeChildPids = () => childrenOf(process.pid, fakeChildScript);

test("concurrent initialize-driver calls: one session, the others refused (409), every child in health and stopped by stop-all", async () => {
  const w = newWorker(2);
  const calls = await Promise.allSettled(Array.from({ length: 6 }, () => w.initializeDriver(driver)));
  expect(calls.filter((c) => c.status === "fulfilled")).toHaveLength(1);
  const refused = calls.filter((c) => c.status === "rejected").map((c) => (c as PromiseRejectedResult).reason);
  expect(refused).toHaveLength(5);
  for (const error of refused) {
    expect(error).toBeInstanceOf(WorkerStateError);
    expect((error as Error).message).toMatch(/a driver is being initialized/);
  }
  const health = await w.health();
  expect(health.state).toBe("initialized");
  expect((health.children ?? []).map((c) => c.pid).sort((a, b) => a - b)).toEqual(fakeChildPids());
  expect(fakeChildPids()).toHaveLength(2);
  await w.stop();
  expect(fakeChildPids()).toEqual([]);
  expect((await w.health()).children).toEqual([]);
});

test("stop-all while a session is being set up waits for it and leaves no child", async () => {
  const w = newWorker(2);
  const initializing = w.initializeDriver(driver);
  const stopped = w.stop();
  await initializing;
  await stopped;
  expect(fakeChildPids()).toEqual([]);
  expect((await w.health()).state).toBe("idle");
});

test("initialize-driver on an initialized worker replaces the session: the old children are retired first", async () => {
  const w = newWorker(2);
  await w.initializeDriver(driver);
  const first = fakeChildPids();
  await w.initializeDriver(driver);
  const second = fakeChildPids();
  expect(second).toHaveLength(2);
  expect(second.filter((pid) => first.includes(pid))).toEqual([]);
  expect((await w.health()).children?.map((c) => c.pid).sort((a, b) => a - b)).toEqual(second);
});
