// One end-to-end phase on an `omb worker`: a fresh 16-partition topic, one
// consumer (one subscription) and P producers at a fixed rate; after a warmup,
// period stats once a second. Gives the publish and consume rates, the backlog
// (sent − received) at the end of the window and its growth over it,
// end-to-end latency over the window and CPU per message produced + consumed
// of the worker's processes. Topic and children are removed afterwards.
import type { DriverConfig } from "../../src/config/types";
import { decodeHistogram, summarizeHistogram } from "../../src/stats/histogram";
import type { HttpWorker } from "../../src/worker/client/http-worker";
import type { LoadAssignment } from "../../src/worker/api/types";
import { MESSAGE_SIZE, PARTITIONS, topicName } from "./bench-env";
import { cpuWindow, type NamedProcess } from "./proc-cpu";

export interface EndToEndPhase {
  driver: DriverConfig;
  workerPid: number;
  /** Part of the topic's name. */
  label: string;
  /** msg/s of the worker, split over its producers. */
  rate: number;
  producers: number;
  warmup: number;
  seconds: number;
}

export interface EndToEndFigures {
  publish: number;
  consume: number;
  backlog: number;
  /** Backlog at the end of the window less at its start. */
  backlogGrowth: number;
  e2eP50Ms: number;
  e2eP99Ms: number;
  e2eMeanMs: number;
  cpuUs: number;
  steal: number;
  /** Which child holds what, e.g. "0: 0p+1c, 1: 2p+0c". */
  children: string;
}

export async function runEndToEndPhase(http: HttpWorker, phase: EndToEndPhase): Promise<EndToEndFigures> {
  const { driver, rate, producers, warmup, seconds } = phase;
  const topic = topicName("e2e", phase.label);
  await http.initializeDriver(driver);
  try {
    await http.createTopics([{ name: topic, partitions: PARTITIONS }]);
    await http.createConsumers([{ id: "bench-c0", topic, subscription: `${topic}-sub` }]);
    await http.createProducers(Array.from({ length: producers }, (_, i) => ({ id: `bench-p${i}`, topic })));
    const deadline = Date.now() + 60_000;
    while (!(await http.consumersReady()).ready) {
      if (Date.now() > deadline) throw new Error("consumer not ready in 60 s");
      await Bun.sleep(50);
    }
    const children = (await http.health()).children ?? [];
    const processes: NamedProcess[] = [{ name: "worker", pid: phase.workerPid }, ...children.map((c) => ({ name: `child ${c.index}`, pid: c.pid }))];
    const assignment: LoadAssignment = {
      workerRate: rate,
      payload: { kind: "random", size: MESSAGE_SIZE, randomBytesRatio: 0.5, poolSize: 100 },
      keyDistributor: "NO_KEY",
      pacing: { mode: "uniform" },
    };
    await http.startLoad(assignment);
    await Bun.sleep(warmup * 1000);
    await http.resetStats();
    const first = await http.periodStats();
    const backlogAtStart = first.totalMessagesSent - first.totalMessagesReceived;
    const cpu = cpuWindow(processes);
    const start = performance.now();
    let published = 0;
    let consumed = 0;
    let last = first;
    for (let s = 1; s <= seconds; s++) {
      await Bun.sleep(Math.max(0, start + s * 1000 - performance.now()));
      last = await http.periodStats();
      if (last.crashed.length > 0) throw new Error(`children crashed: ${JSON.stringify(last.crashed)}`);
      published += decodeHistogram(last.publishLatency).totalCount;
      consumed += last.messagesReceived;
    }
    const window = cpu.end();
    const elapsed = (performance.now() - start) / 1000;
    const e2e = summarizeHistogram(decodeHistogram((await http.cumulativeLatencies()).endToEndLatency));
    const backlog = last.totalMessagesSent - last.totalMessagesReceived;
    const cpuSeconds = window.processes.reduce((n, p) => n + p.percent / 100, 0) * window.seconds;
    return {
      publish: published / elapsed,
      consume: consumed / elapsed,
      backlog,
      backlogGrowth: backlog - backlogAtStart,
      e2eP50Ms: e2e.p50 / 1000,
      e2eP99Ms: e2e.p99 / 1000,
      e2eMeanMs: e2e.mean / 1000,
      cpuUs: (cpuSeconds * 1e6) / (published + consumed),
      steal: window.stealPercent,
      children: children.map((c) => `${c.index}: ${c.producers}p+${c.consumers}c`).join(", "),
    };
  } finally {
    await http.stopLoad().catch(() => {});
    await http.deleteTopics([topic]).catch(() => {});
    await http.stop();
  }
}
