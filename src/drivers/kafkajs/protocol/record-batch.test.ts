// omb's record-batch decoder against kafkajs's own, on batches kafkajs's own
// encoder wrote: the same batch and record objects, field for field and key
// order included, and the same partial-batch error at the end of a fetch.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { registerCodecs } from "../codecs";
import { decodeRecordBatch, type FetchDecoder } from "./record-batch";

const require = createRequire(import.meta.path);
// The test preload swaps kafkajs's decoder for ours, so its original is evaluated from source here.
function original(relative: string) {
  const file = require.resolve(`kafkajs/src/${relative}`);
  const module = { exports: {} as unknown };
  new Function("module", "exports", "require", readFileSync(file, "utf8"))(module, module.exports, createRequire(file));
  return module.exports as (decoder: FetchDecoder) => Promise<unknown>;
}
const kafkajsDecode = original("protocol/recordBatch/v0/decoder.js");
const { RecordBatch: encodeBatch } = require("kafkajs/src/protocol/recordBatch/v0") as { RecordBatch: (args: object) => Promise<{ buffer: Buffer }> };
const encodeRecord = require("kafkajs/src/protocol/recordBatch/record/v0") as (args: object) => unknown;
const Decoder = require("kafkajs/src/protocol/decoder") as new (buffer: Buffer) => FetchDecoder;
const Long = require("kafkajs/src/utils/long");
const { Types: Compression } = require("kafkajs/src/protocol/message/compression");
registerCodecs();

/** Offset of the attributes in an encoded batch: first offset 8, length 4, epoch 4, magic 1, CRC 4. */
const ATTRIBUTES_AT = 21;

interface BatchSpec {
  firstOffset?: bigint;
  compression?: number;
  transactional?: boolean;
  /** Bits OR-ed into the attributes after encoding (LOG_APPEND_TIME 0x8, control 0x20). */
  extraAttributes?: number;
  records: { offsetDelta?: number; timestampDelta?: number | bigint; key?: unknown; value?: unknown; headers?: object }[];
}

async function batchBytes(spec: BatchSpec): Promise<Buffer> {
  const encoded = await encodeBatch({
    compression: spec.compression ?? Compression.None,
    firstOffset: Long.fromValue(spec.firstOffset ?? 0n),
    firstTimestamp: 1_733_300_000_000,
    maxTimestamp: 1_733_300_000_999,
    partitionLeaderEpoch: 3,
    lastOffsetDelta: spec.records.length - 1,
    transactional: spec.transactional ?? false,
    producerId: Long.fromValue(spec.transactional ? 4242 : -1),
    producerEpoch: spec.transactional ? 2 : 0,
    firstSequence: spec.transactional ? 17 : 0,
    records: spec.records.map((r, i) =>
      encodeRecord({ offsetDelta: r.offsetDelta ?? i, timestampDelta: Long.fromValue(r.timestampDelta ?? i * 3), key: r.key, value: r.value, headers: r.headers }),
    ),
  });
  const bytes = Buffer.from(encoded.buffer);
  if (spec.extraAttributes) bytes.writeInt16BE(bytes.readInt16BE(ATTRIBUTES_AT) | spec.extraAttributes, ATTRIBUTES_AT);
  return bytes;
}

/** Every batch in `bytes`, as kafkajs's fetch decoder walks them; the error that ended the walk, if any. */
async function decodeAll(decode: (d: FetchDecoder) => Promise<unknown>, bytes: Buffer) {
  const decoder = new Decoder(bytes);
  const batches: unknown[] = [];
  try {
    while (decoder.offset < bytes.length) batches.push(await decode(decoder));
    return { batches, error: undefined };
  } catch (error) {
    return { batches, error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

const omb = (i: number) => ({ "omb.producer": Buffer.from(`p${i % 3}`), "omb.seq": Buffer.alloc(8, i) });
const cases: [string, BatchSpec[]][] = [
  [
    "omb's shape: null keys, 1 KiB values, binary headers",
    [{ records: Array.from({ length: 50 }, (_, i) => ({ key: null, value: Buffer.alloc(1024, i), headers: omb(i) })) }],
  ],
  [
    "keys, null and empty values, repeated, unicode and inherited header names, no headers",
    [
      {
        records: [
          { key: "clé", value: null, headers: { a: ["1", "22", "333"], b: "x", "ü-名": "v" } },
          { key: Buffer.from([0, 1, 2]), value: Buffer.alloc(0), headers: { constructor: "c", toString: ["t1", "t2"] } },
          { key: null, value: "v", headers: {} },
        ],
      },
    ],
  ],
  [
    "offsets beyond 2^53 and timestamp deltas beyond 7 varint bytes",
    [
      {
        firstOffset: 2n ** 60n + 5n,
        records: [
          { value: "a", timestampDelta: 2n ** 50n + 1n },
          { value: "b", timestampDelta: -(2n ** 55n) },
          { value: "c", offsetDelta: 2_000_000_000 },
        ],
      },
    ],
  ],
  [
    "several batches, transactional, control and log-append-time batches",
    [
      { firstOffset: 100n, transactional: true, records: [{ value: "t0" }, { value: "t1" }] },
      { firstOffset: 102n, transactional: true, extraAttributes: 0x20, records: [{ key: Buffer.from([0, 0, 0, 1]), value: Buffer.from([0, 0, 0, 0, 0, 0]) }] },
      { firstOffset: 103n, extraAttributes: 0x8, records: [{ value: "late" }, { value: "later" }] },
    ],
  ],
  ["gzip", [{ compression: Compression.GZIP, firstOffset: 7n, records: Array.from({ length: 20 }, (_, i) => ({ value: `gz-${i}`, headers: omb(i) })) }]],
];

describe("record-batch decoder", () => {
  test.each(cases)("%s: the same objects as kafkajs's", async (_name, specs) => {
    const bytes = Buffer.concat(await Promise.all(specs.map(batchBytes)));
    const ours = await decodeAll(decodeRecordBatch, bytes);
    const theirs = await decodeAll(kafkajsDecode, bytes);
    expect(theirs.error).toBeUndefined();
    expect(ours.error).toBeUndefined();
    expect(ours.batches).toEqual(theirs.batches);
    expect(JSON.stringify(ours.batches)).toBe(JSON.stringify(theirs.batches));
    expect(ours.batches.length).toBe(specs.length);
  });

  test("a batch cut short at the end of a fetch: the same partial-message error after the whole batches", async () => {
    const whole = await batchBytes(cases[0]![1][0]!);
    const bytes = Buffer.concat([whole, whole.subarray(0, 700)]);
    const ours = await decodeAll(decodeRecordBatch, bytes);
    const theirs = await decodeAll(kafkajsDecode, bytes);
    expect(theirs.error).toMatch(/^KafkaJSPartialMessageError/);
    expect(ours.error).toBe(theirs.error);
    expect(ours.batches).toEqual(theirs.batches);
    expect(ours.batches.length).toBe(1);
  });
});
