import { describe, expect, test } from "bun:test";
import { workload } from "../../test/support/fixtures";
import { compactTimestamp, planRun, rateShares, slug, splitRoles, testIdFor } from "./plan";

describe("splitRoles (Java OMB's DistributedWorkersEnsemble)", () => {
  test.each([
    // workers, -x, producer workers, consumer workers
    [2, false, 1, 1],
    [3, false, 1, 2],
    [4, false, 2, 2],
    [5, false, 2, 3],
    [3, true, 1, 2],
    [4, true, 2, 2],
    [6, true, 2, 4],
    [7, true, 3, 4],
  ])("%i workers, extra=%p → %i producing, %i consuming", (n, extra, producing, consuming) => {
    const ids = Array.from({ length: n }, (_, i) => `w${i}`);
    const roles = splitRoles(ids, extra);
    expect(roles.producerWorkers).toHaveLength(producing);
    expect(roles.consumerWorkers).toHaveLength(consuming);
    expect(new Set([...roles.producerWorkers, ...roles.consumerWorkers]).size).toBe(n);
    expect(roles.leader).toBe("w0");
  });

  test("a single worker takes both roles", () => {
    expect(splitRoles(["only"], false)).toEqual({ leader: "only", producerWorkers: ["only"], consumerWorkers: ["only"] });
  });

  test("no workers is a programming error", () => {
    expect(() => splitRoles([], false)).toThrow();
  });
});

describe("planRun", () => {
  const at = new Date(2025, 0, 31, 9, 5, 7);
  const plan = planRun(workload({ name: "2 topics / 4 partitions" }), { workerIds: ["a", "b"], extraConsumerWorkers: false, startedAt: at });

  test("test id is <workload-slug>-<yyyymmdd-hhmmss>; topics share a fixed prefix", () => {
    expect(plan.testId).toBe("2-topics-4-partitions-20250131-090507");
    expect(plan.topics).toEqual([
      { name: "omb-2-topics-4-partitions-20250131-090507-0", partitions: 4 },
      { name: "omb-2-topics-4-partitions-20250131-090507-1", partitions: 4 },
    ]);
    for (const t of plan.topics) expect(t.name.startsWith(plan.topicPrefix)).toBe(true);
  });

  test("producers and consumers have unique ids, spread over topics and their workers", () => {
    const producers = Object.values(plan.producersByWorker).flat();
    const consumers = Object.values(plan.consumersByWorker).flat();
    expect(producers).toHaveLength(4);
    expect(consumers).toHaveLength(8);
    expect(new Set(producers.map((p) => p.id)).size).toBe(4);
    expect(new Set(consumers.map((c) => c.id)).size).toBe(8);
    expect(plan.producersByWorker.a).toHaveLength(4);
    expect(plan.consumersByWorker.b).toHaveLength(8);
    expect(plan.producersByWorker.b).toBeUndefined();
    for (const t of plan.topics) expect(producers.filter((p) => p.topic === t.name)).toHaveLength(2);
  });

  test("one consumer group per topic and subscription index, shared by its consumers", () => {
    expect(plan.subscriptions).toHaveLength(4);
    const consumers = Object.values(plan.consumersByWorker).flat();
    for (const s of plan.subscriptions) {
      const members = consumers.filter((c) => c.subscription === s.subscription);
      expect(members).toHaveLength(2);
      expect(members.every((c) => c.topic === s.topic)).toBe(true);
    }
  });

  test("rate shares follow the producers each worker runs and add up to the target", () => {
    const three = planRun(workload({ topics: 3, producersPerTopic: 1 }), { workerIds: ["a", "b", "c", "d"], extraConsumerWorkers: false, startedAt: at });
    const shares = rateShares(three, 3000);
    expect(shares).toEqual({ a: 2000, b: 1000 });
    expect(Object.values(rateShares(plan, 5000)).reduce((s, v) => s + v, 0)).toBe(5000);
  });
});

test("slug and timestamps", () => {
  expect(slug("  Max Rate: 1 topic/16 partitions!! ")).toBe("max-rate-1-topic-16-partitions");
  expect(slug("%%%")).toBe("workload");
  expect(slug("a".repeat(60))).toHaveLength(40);
  expect(compactTimestamp(new Date(2024, 11, 1, 23, 59, 0))).toBe("20241201-235900");
  expect(testIdFor("Quick Test", new Date(2024, 0, 2, 3, 4, 5))).toBe("quick-test-20240102-030405");
});
