// The run's topics: created through one worker (the coordinator only needs
// HTTP reach to workers), deleted at the end through any worker still up, and
// whatever is left is listed with the command that deletes it by hand.
import type { DriverConfig } from "../config/types";
import type { TopicCleanup } from "../result/types";
import { pollUntil } from "./bounds";
import type { Worker } from "../worker/api/worker";
import type { RunContext } from "./run-context";

const CONFIRM_MS = 10_000;

export async function createTopics(ctx: RunContext): Promise<void> {
  const { ensemble, plan, bounds } = ctx;
  const t = performance.now();
  await ensemble.require([plan.roles.leader], "create topics", (w) => w.createTopics(plan.topics), bounds.topicCall);
  const partitions = plan.topics.reduce((n, topic) => n + topic.partitions, 0);
  ctx.log.info(`created ${plan.topics.length} topics (${partitions} partitions) in ${Math.round(performance.now() - t)} ms: ${plan.topicPrefix}*`);
}

/** The kafka-topics.sh line that deletes every topic of this run. */
export function deleteCommand(topicPrefix: string, bootstrapServers: string): string {
  return `kafka-topics.sh --bootstrap-server ${bootstrapServers} --delete --topic '${topicPrefix.replace(/[.]/g, "\\.")}.*'`;
}

type Leftover = { name: string; error: string };

/**
 * Runs after every worker stopped (a stopped worker has no driver), so the
 * worker that deletes is initialized once more and stopped again afterwards.
 */
export async function cleanupTopics(ctx: RunContext, keep: boolean, driver: DriverConfig): Promise<TopicCleanup> {
  const { ensemble, plan } = ctx;
  const planned = plan.topics.map((t) => t.name);
  const command = deleteCommand(plan.topicPrefix, String(driver.commonConfig["bootstrap.servers"] ?? "<bootstrap>"));
  if (keep) {
    ctx.log.info(`keeping ${planned.length} topics (--keep-topics); delete them later with: ${command}`);
    return { kept: true, deleted: [], leftovers: planned.map((name) => ({ name, error: "kept (--keep-topics)" })), command };
  }
  ctx.log.progress({ phase: "cleanup", elapsedSeconds: 0, totalSeconds: 0, targetRate: 0 });
  // Prefer the leader; any worker still up can do it.
  for (const id of ensemble.alive([...new Set([plan.roles.leader, ...ensemble.ids])])) {
    const outcome = await deleteThrough(ctx, id, driver);
    if (typeof outcome === "string") {
      ctx.log.warn(`worker ${id}: cannot delete topics: ${outcome}`);
      continue;
    }
    if (outcome.leftovers.length) {
      ctx.log.warn(`${outcome.leftovers.length} topics were not deleted: ${outcome.leftovers.map((f) => `${f.name} (${f.error})`).join(", ")}`);
      ctx.log.warn(`delete them with: ${command}`);
    } else {
      ctx.log.info(`deleted ${outcome.deleted.length} topics`);
    }
    return { kept: false, ...outcome, command: outcome.leftovers.length ? command : undefined };
  }
  ctx.log.warn(`no worker could delete the topics; delete them with: ${command}`);
  return { kept: false, deleted: [], leftovers: planned.map((name) => ({ name, error: "no worker could delete it" })), command };
}

/**
 * Deletes what exists under the run's prefix (a failed or interrupted creation
 * may have made some of the topics, or none) and confirms it is gone. A string
 * is why this worker could not do it.
 */
async function deleteThrough(ctx: RunContext, id: string, driver: DriverConfig): Promise<{ deleted: string[]; leftovers: Leftover[]; vanished?: string[] } | string> {
  const { ensemble, plan, bounds } = ctx;
  const once = async <T>(what: string, fn: (w: Worker) => Promise<T>, ms: number): Promise<T> => {
    const outcome = await ensemble.call([id], what, fn, ms, { ignoreAbort: true });
    if (!outcome.results.has(id)) throw new Error(outcome.failures.get(id));
    return outcome.results.get(id) as T;
  };
  try {
    await once("initialize driver", (w) => w.initializeDriver(driver), bounds.setupCall);
    const existing = await once("list topics", (w) => w.listTopics(plan.topicPrefix), bounds.quickCall);
    // Created by this run and gone before it deleted them: someone deleted them from outside.
    const vanished = plan.topics.map((t) => t.name).filter((n) => !existing.includes(n));
    if (vanished.length) ctx.log.warn(`${vanished.length} of the run's topics were deleted from outside during the run: ${vanished.join(", ")}`);
    const failures = existing.length ? await once("delete topics", (w) => w.deleteTopics(existing), bounds.topicCall) : [];
    const failed = (name: string) => failures.some((f) => f.name === name);
    // Deletion is asynchronous in Kafka: give the broker a few seconds to stop listing them.
    const listed = await pollUntil(
      () => once("list topics", (w) => w.listTopics(plan.topicPrefix), bounds.quickCall),
      (still) => still.every(failed),
      { timeoutMs: CONFIRM_MS, intervalMs: 500 },
    );
    const leftovers = [...failures, ...listed.value.filter((n) => !failed(n)).map((name) => ({ name, error: `still listed ${CONFIRM_MS / 1000} s after deletion` }))];
    return { deleted: existing.filter((n) => !leftovers.some((l) => l.name === n)), leftovers, ...(vanished.length ? { vanished } : {}) };
  } catch (error) {
    return (error as Error).message;
  } finally {
    await ensemble.call([id], "stop", (w) => w.stop(), bounds.stop, { ignoreAbort: true });
  }
}
