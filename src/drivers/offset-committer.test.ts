import { describe, expect, test } from "bun:test";
import { OffsetCommitter, type PartitionOffset } from "./offset-committer";

function fakeBroker() {
  const commits: PartitionOffset[][] = [];
  const answers: { resolve(): void; reject(e: Error): void }[] = [];
  const commit = (offsets: PartitionOffset[]) => {
    commits.push(offsets);
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    answers.push({ resolve, reject });
    return promise;
  };
  return { commits, answers, commit };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The first commit fails (a rebalance); then close, and the commit it makes succeeds. */
async function failFirstThenClose(broker: ReturnType<typeof fakeBroker>, committer: OffsetCommitter): Promise<void> {
  broker.answers[0]!.reject(new Error("REBALANCE_IN_PROGRESS"));
  await tick();
  const closing = committer.close();
  await tick();
  broker.answers.at(-1)!.resolve();
  await closing;
}

describe("OffsetCommitter", () => {
  test("after every batch: one commit in flight, the next carries the newest offset of each partition", async () => {
    const broker = fakeBroker();
    const committer = new OffsetCommitter({ commit: broker.commit, intervalMs: null });
    committer.delivered("t", 0, 10n);
    expect(broker.commits).toEqual([[{ topic: "t", partition: 0, offset: 10n, leaderEpoch: undefined }]]);
    committer.delivered("t", 0, 20n);
    committer.delivered("t", 1, 5n);
    committer.delivered("t", 0, 30n);
    expect(broker.commits).toHaveLength(1);
    broker.answers[0]!.resolve();
    await tick();
    expect(broker.commits[1]).toEqual([
      { topic: "t", partition: 0, offset: 30n, leaderEpoch: undefined },
      { topic: "t", partition: 1, offset: 5n, leaderEpoch: undefined },
    ]);
    broker.answers[1]!.resolve();
    await committer.close();
    expect(broker.commits).toHaveLength(2);
  });

  test("a failed commit is retried later", async () => {
    const broker = fakeBroker();
    const committer = new OffsetCommitter({ commit: broker.commit, intervalMs: null });
    committer.delivered("t", 0, 10n);
    committer.delivered("t", 1, 10n); // pending behind the first commit
    await failFirstThenClose(broker, committer);
    // The failed commit carried partition 0; a later one must carry it again.
    expect(broker.commits.slice(1).flat()).toContainEqual({ topic: "t", partition: 0, offset: 10n, leaderEpoch: undefined });
  });

  test("a failed commit is not retried when a newer offset came meanwhile", async () => {
    const broker = fakeBroker();
    const committer = new OffsetCommitter({ commit: broker.commit, intervalMs: null });
    committer.delivered("t", 0, 10n);
    committer.delivered("t", 0, 20n); // newer, pending behind the first commit
    await failFirstThenClose(broker, committer);
    expect(broker.commits.slice(1)).toEqual([[{ topic: "t", partition: 0, offset: 20n, leaderEpoch: undefined }]]);
  });

  test("offsets of partitions given to another member are dropped", async () => {
    const broker = fakeBroker();
    const committer = new OffsetCommitter({ commit: broker.commit, intervalMs: 60_000 });
    committer.delivered("t", 0, 10n);
    committer.delivered("t", 1, 10n);
    committer.retain((topic, partition) => topic === "t" && partition === 1);
    const closing = committer.close();
    await tick();
    expect(broker.commits).toEqual([[{ topic: "t", partition: 1, offset: 10n, leaderEpoch: undefined }]]);
    broker.answers[0]!.resolve();
    await closing;
  });

  test("interval mode commits on its timer, not per batch", async () => {
    const broker = fakeBroker();
    const committer = new OffsetCommitter({ commit: broker.commit, intervalMs: 20 });
    committer.delivered("t", 0, 42n);
    expect(broker.commits).toHaveLength(0);
    const deadline = performance.now() + 2000;
    while (broker.commits.length === 0 && performance.now() < deadline) await Bun.sleep(5);
    expect(broker.commits).toEqual([[{ topic: "t", partition: 0, offset: 42n, leaderEpoch: undefined }]]);
    broker.answers[0]!.resolve();
    await committer.close();
  });
});
