import { afterAll, beforeAll, describe, expect, setSystemTime, test } from "bun:test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { crc32c } from "./crc32c";
import { groupMessagesPerPartition } from "./group-messages";
import { registerCodecs } from "../codecs";
import { type ProduceRequestArgs, produceRequest } from "./produce-request";
import { frameRequest } from "./request-frame";

// The test preload swaps these files for ours, so kafkajs's originals are
// evaluated from their source here, with kafkajs's own modules around them.
function original(relative: string) {
  const file = createRequire(import.meta.path).resolve(`kafkajs/src/${relative}`);
  const module = { exports: {} as unknown };
  new Function("module", "exports", "require", readFileSync(file, "utf8"))(module, module.exports, createRequire(file));
  return module.exports as (args: unknown) => unknown;
}
const kafkajsProduceRequest = original("protocol/requests/produce/v3/request.js") as (
  args: ProduceRequestArgs,
) => { encode(): Promise<{ buffer: Buffer }> };
const kafkajsGroup = original("producer/groupMessagesPerPartition.js");
const kafkajsFrame = original("protocol/request.js") as unknown as typeof frameRequest;
const Long = createRequire(import.meta.path)("kafkajs/src/utils/long");

const kib = (seed: number) => Buffer.alloc(1024, seed);

const cases: [string, ProduceRequestArgs][] = [
  [
    "omb's shape: null keys, 1 KiB values, one binary header, several partitions",
    {
      acks: 1,
      timeout: 30000,
      topicData: [
        {
          topic: "omb-test-0001",
          partitions: [0, 5, 15].map((partition) => ({
            partition,
            messages: Array.from({ length: 40 }, (_, i) => ({
              key: null,
              value: kib(i + partition),
              headers: { omb: Buffer.from([1, 0, 0, 0, 0, 0, 0, 0, i, 7, 7, 7]) },
            })),
          })),
        },
      ],
    },
  ],
  [
    "string and buffer keys, string values, repeated headers, empty value",
    {
      acks: -1,
      timeout: 5000,
      topicData: [
        {
          topic: "tôpic-ü",
          partitions: [
            {
              partition: 2,
              messages: [
                { key: "clé", value: "välue", headers: { a: ["1", "22"], b: "x" } },
                { key: Buffer.from([0, 1, 2]), value: Buffer.alloc(0), headers: {} },
                { key: "k".repeat(300), value: "v".repeat(20000) },
              ],
            },
          ],
        },
        { topic: "second", partitions: [{ partition: 0, messages: [{ value: "only" }] }] },
      ],
    },
  ],
  [
    "lengths on both sides of a varint step once zigzagged (64..127 bytes take two)",
    {
      acks: -1,
      timeout: 30000,
      topicData: [
        {
          topic: "varint-steps",
          partitions: [
            {
              partition: 0,
              messages: [63, 64, 100, 127, 128, 8191, 8192].map((n) => ({
                key: Buffer.alloc(n % 200, 1),
                value: Buffer.alloc(n, 2),
                headers: { ["h".repeat(n % 130)]: Buffer.alloc(n % 90, 3) },
              })),
            },
          ],
        },
      ],
    },
  ],
  [
    "explicit timestamps, including one far from the others",
    {
      acks: 1,
      timeout: 1000,
      topicData: [
        {
          topic: "ts",
          partitions: [
            {
              partition: 1,
              messages: [
                { value: "a", timestamp: "1700000000500" },
                { value: "b", timestamp: "1700000000000" },
                { value: "c" },
                { value: "d", timestamp: "1600000000000" },
              ],
            },
          ],
        },
      ],
    },
  ],
  [
    "idempotent and transactional fields",
    {
      acks: -1,
      timeout: 30000,
      transactionalId: "omb-tx",
      producerId: Long.fromValue(123456789012),
      producerEpoch: 3,
      topicData: [
        {
          topic: "eos",
          partitions: [
            { partition: 0, firstSequence: 1000, messages: [{ key: "k", value: "v" }] },
            { partition: 1, firstSequence: 2147483000, messages: [{ key: "k2", value: "v2" }] },
          ],
        },
      ],
    },
  ],
];

// Messages without a timestamp get the encoding time: both encoders must see the same one.
beforeAll(() => {
  setSystemTime(new Date("2026-11-23T10:00:00Z"));
  registerCodecs();
});
afterAll(() => setSystemTime());

describe("produce request encoder", () => {
  test.each(cases)("same bytes as kafkajs: %s", async (_, args) => {
    const theirs = (await kafkajsProduceRequest(args).encode()).buffer;
    const ours = (await produceRequest(args).encode()).buffer;
    expect(ours.length).toBe(theirs.length);
    expect(ours.equals(theirs)).toBe(true);
  });

  test("same bytes as kafkajs with gzip (compression deterministic)", async () => {
    const args = { ...cases[0]![1], compression: 1 };
    const theirs = (await kafkajsProduceRequest(args).encode()).buffer;
    const ours = (await produceRequest(args).encode()).buffer;
    expect(ours.equals(theirs)).toBe(true);
  });

  test("acks=0 expects no response, as kafkajs", () => {
    expect(produceRequest({ acks: 0, timeout: 1, topicData: [] }).expectResponse()).toBe(false);
    expect(produceRequest({ acks: 1, timeout: 1, topicData: [] }).expectResponse()).toBe(true);
  });
});

describe("request framing", () => {
  const metadata = createRequire(import.meta.path)("kafkajs/src/protocol/requests/metadata").protocol({ version: 4 });
  test.each([
    ["a produce request, client id set", () => produceRequest(cases[0]![1]), "omb-bench"],
    ["a produce request, client id too long to frame in place", () => produceRequest(cases[1]![1]), "c".repeat(300)],
    ["a metadata request, client id set", () => metadata({ topics: ["a", "b"], allowAutoTopicCreation: false }).request, "é"],
    ["a metadata request, no client id", () => metadata({ topics: [], allowAutoTopicCreation: true }).request, null],
  ] as const)("same bytes as kafkajs: %s", async (_, request, clientId) => {
    const args = { correlationId: 123456, clientId, request: request() };
    const theirs = (await kafkajsFrame(args)).buffer;
    const ours = (await frameRequest(args)).buffer;
    expect(ours.equals(theirs)).toBe(true);
    expect(ours.readInt32BE(0)).toBe(ours.length - 4);
  });
});

describe("CRC-32C", () => {
  test("the standard check value", () => {
    expect(crc32c(Buffer.from("123456789"))).toBe(0xe3069283);
  });

  test("matches kafkajs's byte-wise CRC on every length around the 16-byte step", () => {
    const kafkajsCrc = createRequire(import.meta.path)("kafkajs/src/protocol/recordBatch/crc32C/index.js");
    const bytes = crypto.getRandomValues(new Uint8Array(100));
    for (let n = 0; n <= bytes.length; n++) {
      const slice = Buffer.from(bytes.subarray(0, n));
      expect(crc32c(slice)).toBe(kafkajsCrc(slice));
    }
    expect(crc32c(bytes, 3, 50)).toBe(kafkajsCrc(Buffer.from(bytes.subarray(3, 50))));
  });
});

describe("grouping messages per partition", () => {
  test("same groups, in the same order, as kafkajs", () => {
    const messages = Array.from({ length: 50 }, (_, i) => ({ value: `m${i}`, partition: (i * 7) % 5 }));
    const args = {
      topic: "t",
      partitionMetadata: [{}, {}, {}, {}, {}],
      messages,
      partitioner: ({ message }: { message: { partition: number } }) => message.partition,
    };
    const ours = groupMessagesPerPartition(args);
    expect(ours).toEqual(kafkajsGroup(args) as typeof ours);
    expect(Object.keys(ours)).toEqual(["0", "1", "2", "3", "4"]);
    expect(groupMessagesPerPartition({ ...args, partitionMetadata: [] })).toEqual({});
  });
});
