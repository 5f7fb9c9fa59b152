// `omb topics` against the real broker: lists and deletes only names under
// the prefix asked (which must be under omb's own), and deletes only with --yes.
import { afterAll, expect, test } from "bun:test";
import { KAFKA_BOOTSTRAP, testKafka, uniqueName } from "../../test/support/kafka";
import { startOmb } from "../../test/support/cli";

const admin = testKafka("omb-topics-test").admin();
const prefix = `omb-${uniqueName("leftovers")}-`;
const ours = [`${prefix}0`, `${prefix}1`];
const theirs = uniqueName("someone-elses");

afterAll(async () => {
  const existing = new Set(await admin.listTopics());
  const mine = [theirs, ...ours].filter((t) => existing.has(t));
  if (mine.length) await admin.deleteTopics({ topics: mine }).catch(() => undefined);
  await admin.disconnect();
});

async function omb(...args: string[]) {
  const run = startOmb(["topics", ...args, "--bootstrap-servers", KAFKA_BOOTSTRAP]);
  const code = await run.exited;
  return { code, lines: run.lines };
}

test("list, delete without --yes (nothing deleted, exit 2), delete --yes; other topics untouched", async () => {
  await admin.connect();
  await admin.createTopics({ topics: [...ours, theirs].map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });

  const listed = await omb("list", "--prefix", prefix);
  expect(listed.code).toBe(0);
  expect(listed.lines.filter((l) => l.startsWith(prefix))).toEqual(ours);

  const unconfirmed = await omb("delete", "--prefix", prefix);
  expect(unconfirmed.code).toBe(2);
  expect(unconfirmed.lines.join("\n")).toContain("add --yes to delete them");
  expect((await admin.listTopics()).filter((t) => t.startsWith(prefix)).sort()).toEqual(ours);

  const refused = await omb("delete", "--prefix", "someone-", "--yes");
  expect(refused.code).toBe(2);

  const deleted = await omb("delete", "--prefix", prefix, "--yes");
  expect({ code: deleted.code, log: deleted.code === 0 ? "" : deleted.lines.join("\n") }).toEqual({ code: 0, log: "" });
  expect(deleted.lines.filter((l) => l.startsWith("deleted "))).toEqual(ours.map((t) => `deleted ${t}`));
  const deadline = Date.now() + 15_000;
  let left = await admin.listTopics();
  while (left.some((t) => t.startsWith(prefix)) && Date.now() < deadline) {
    await Bun.sleep(200);
    left = await admin.listTopics();
  }
  expect(left.filter((t) => t.startsWith(prefix))).toEqual([]);
  expect(left).toContain(theirs);
}, 60_000);
