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

describe("OffsetCommitter", () => {
  test("after every batch: one commit in flight, the next carries the newest offset of each partition", async () => {
    const broker = fakeBroker();
    const committer = new OffsetCommitter({ commit: broker.commit, intervalMs: null });
    committer.delivered("t", 0, "9");
    expect(broker.commits).toEqual([[{ topic: "t", partition: 0, offset: "10" }]]);
    committer.delivered("t", 0, "19");
    committer.delivered("t", 1, "4");
    committer.delivered("t", 0, "29");
    expect(broker.commits).toHaveLength(1);
    broker.answers[0]!.resolve();
    await tick();
    expect(broker.commits[1]).toEqual([
      { topic: "t", partition: 0, offset: "30" },
      { topic: "t", partition: 1, offset: "5" },
    ]);
    broker.answers[1]!.resolve();
    await committer.close();
    expect(broker.commits).toHaveLength(2);
  });

  test("a failed commit is retried later unless a newer offset came meanwhile", async () => {
    const broker = fakeBroker();
    const committer = new OffsetCommitter({ commit: broker.commit, intervalMs: null });
    committer.delivered("t", 0, "9");
    committer.delivered("t", 1, "9"); // pending behind the first commit
    broker.answers[0]!.reject(new Error("REBALANCE_IN_PROGRESS"));
    await tick();
    const closing = committer.close();
    await tick();
    broker.answers.at(-1)!.resolve();
    await closing;
    const committed = broker.commits.flat().filter((o) => o.partition === 0);
    expect(committed.at(-1)).toEqual({ topic: "t", partition: 0, offset: "10" });
  });

  test("offsets of partitions given to another member are dropped", async () => {
    const broker = fakeBroker();
    const committer = new OffsetCommitter({ commit: broker.commit, intervalMs: 60_000 });
    committer.delivered("t", 0, "9");
    committer.delivered("t", 1, "9");
    committer.retain({ t: [1] });
    const closing = committer.close();
    await tick();
    expect(broker.commits).toEqual([[{ topic: "t", partition: 1, offset: "10" }]]);
    broker.answers[0]!.resolve();
    await closing;
  });

  test("interval mode commits on its timer, not per batch", async () => {
    const broker = fakeBroker();
    const committer = new OffsetCommitter({ commit: broker.commit, intervalMs: 20 });
    committer.delivered("t", 0, "41");
    expect(broker.commits).toHaveLength(0);
    const deadline = performance.now() + 2000;
    while (broker.commits.length === 0 && performance.now() < deadline) await Bun.sleep(5);
    expect(broker.commits).toEqual([[{ topic: "t", partition: 0, offset: "42" }]]);
    broker.answers[0]!.resolve();
    await committer.close();
  });
});
