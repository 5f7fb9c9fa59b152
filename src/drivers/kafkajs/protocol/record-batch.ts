// A fetched RecordBatch (magic 2) decoded in one pass over its bytes, giving
// the same batch and record objects as kafkajs's decoder. kafkajs built a
// Decoder per record, parsed the batch's first offset and timestamp from
// strings with its Long class for every record, and built each record's headers
// by copying the object once per header: the largest part of a consuming
// child's CPU. Offsets and timestamps here are plain numbers while they are
// exact (below 2^53), BigInt otherwise; the strings are the same. `patches.ts`
// loads this in place of kafkajs's file; a test compares both decoders' output.
// kafkajs's own modules, not its index: this file loads while the index does.
import KafkajsDecoder from "kafkajs/src/protocol/decoder";
import { KafkaJSPartialMessageError } from "kafkajs/src/errors";
import { lookupCodecByAttributes } from "kafkajs/src/protocol/message/compression";

/** What kafkajs's fetch decoder passes: its Decoder over the partition's record set. */
export interface FetchDecoder {
  buffer: Buffer;
  offset: number;
  readInt64(): bigint;
  readInt32(): number;
  slice(size: number): { buffer: Buffer };
  forward(size: number): void;
}

const TIMESTAMP_TYPE_FLAG_MASK = 0x8;
const TRANSACTIONAL_FLAG_MASK = 0x10;
const CONTROL_FLAG_MASK = 0x20;
const LOG_APPEND_TIME = 1;
const CREATE_TIME = 0;
const SAFE_DIGITS = 15;

type Headers = Record<string, Buffer | null | (Buffer | null)[]>;

export async function decodeRecordBatch(fetchDecoder: FetchDecoder) {
  const firstOffset = fetchDecoder.readInt64().toString();
  const length = fetchDecoder.readInt32();
  const buffer = fetchDecoder.slice(length).buffer;
  fetchDecoder.forward(length);
  if (buffer.length < length) {
    throw new KafkaJSPartialMessageError(
      `Tried to decode a partial record batch: remainingBytes(${buffer.length}) < recordBatchLength(${length})`,
    );
  }
  const partitionLeaderEpoch = buffer.readInt32BE(0);
  const magicByte = buffer.readInt8(4);
  // CRC at 5: kafkajs does not check it either (the broker did, at produce).
  const attributes = buffer.readInt16BE(9);
  const lastOffsetDelta = buffer.readInt32BE(11);
  const firstTimestamp = buffer.readBigInt64BE(15).toString();
  const maxTimestamp = buffer.readBigInt64BE(23).toString();
  const producerId = buffer.readBigInt64BE(31).toString();
  const producerEpoch = buffer.readInt16BE(39);
  const firstSequence = buffer.readInt32BE(41);
  const recordContext = {
    firstOffset,
    firstTimestamp,
    partitionLeaderEpoch,
    inTransaction: (attributes & TRANSACTIONAL_FLAG_MASK) > 0,
    isControlBatch: (attributes & CONTROL_FLAG_MASK) > 0,
    lastOffsetDelta,
    producerId,
    producerEpoch,
    firstSequence,
    maxTimestamp,
    timestampType: (attributes & TIMESTAMP_TYPE_FLAG_MASK) > 0 ? LOG_APPEND_TIME : CREATE_TIME,
  };
  const batchContext = { ...recordContext, magicByte };
  const count = buffer.length >= 49 ? buffer.readInt32BE(45) : 0;
  const codec = lookupCodecByAttributes(attributes);
  let records: ReturnType<RecordReader["read"]>[];
  if (!codec) {
    records = count === -1 ? [] : new RecordReader(buffer, 49, batchContext).readMany(count);
  } else if (count <= 0) {
    records = [];
  } else {
    const decompressed = await codec.decompress(buffer.subarray(49));
    records = new RecordReader(Buffer.from(decompressed.buffer, decompressed.byteOffset, decompressed.length), 0, batchContext).readMany(count);
  }
  return { ...recordContext, records };
}

type BatchContext = {
  firstOffset: string;
  firstTimestamp: string;
  maxTimestamp: string;
  timestampType: number;
  isControlBatch: boolean;
  magicByte: number;
};

/** Reads the records of one batch, in kafkajs's record shape. */
class RecordReader {
  private readonly offsetBase: number | bigint;
  private readonly timestampBase: number | bigint;

  constructor(
    private readonly buffer: Buffer,
    private pos: number,
    private readonly context: BatchContext,
  ) {
    this.offsetBase = exactBase(context.firstOffset);
    this.timestampBase = exactBase(context.firstTimestamp);
  }

  readMany(count: number) {
    const records = new Array<ReturnType<RecordReader["read"]>>(count);
    for (let i = 0; i < count; i++) {
      // Each record is length-prefixed; what follows its fields within that length is skipped, as kafkajs does.
      const size = this.varInt();
      const end = this.pos + size;
      records[i] = this.read(end);
      this.pos = end;
    }
    return records;
  }

  read(end: number) {
    const { context, buffer } = this;
    if (this.pos >= end) throw new RangeError(`record at ${this.pos} is empty`);
    const attributes = buffer.readInt8(this.pos++);
    const timestampDelta = this.varLong();
    const timestamp =
      context.timestampType === LOG_APPEND_TIME && context.maxTimestamp
        ? context.maxTimestamp
        : sum(this.timestampBase, timestampDelta);
    const offset = sum(this.offsetBase, this.varInt());
    const key = this.bytes();
    const value = this.bytes();
    const headers: Headers = {};
    const headerCount = this.varInt();
    for (let i = 0; i < headerCount; i++) {
      const keyBytes = this.bytes();
      addHeader(headers, keyBytes === null ? "null" : keyBytes.toString("utf8"), this.bytes());
    }
    return {
      magicByte: context.magicByte,
      attributes,
      timestamp,
      offset,
      key,
      value,
      headers,
      isControlRecord: context.isControlBatch,
      batchContext: context,
    };
  }

  /** A zigzag varint as kafkajs reads it (32-bit arithmetic, the same result for malformed input). */
  private varInt(): number {
    const buffer = this.buffer;
    let byte: number;
    let result = 0;
    let shift = 0;
    do {
      byte = buffer[this.pos++]!;
      result += (byte & 0x7f) << shift;
      shift += 7;
    } while (byte >= 0x80);
    return (result >>> 1) ^ -(result & 1);
  }

  /** A zigzag varlong: a number while it has at most 7 bytes (49 bits); longer ones as kafkajs reads them. */
  private varLong(): number | bigint {
    const buffer = this.buffer;
    const start = this.pos;
    let raw = 0;
    let scale = 1;
    for (let i = 0; i < 7; i++) {
      const byte = buffer[this.pos++]!;
      raw += (byte & 0x7f) * scale;
      if (byte < 0x80) return raw % 2 === 1 ? -(raw + 1) / 2 : raw / 2;
      scale *= 128;
    }
    const decoder = new KafkajsDecoder(buffer);
    decoder.offset = start;
    const value = decoder.readVarLong().value;
    this.pos = decoder.offset;
    return value;
  }

  private bytes(): Buffer | null {
    const length = this.varInt();
    if (length === -1) return null;
    const bytes = this.buffer.subarray(this.pos, this.pos + length);
    this.pos += length;
    return bytes;
  }
}

/** A batch's first offset or timestamp: a number when every record's sum stays exact, else a BigInt. */
function exactBase(text: string): number | bigint {
  return text.length <= SAFE_DIGITS ? Number(text) : BigInt(text);
}

/** base + delta as kafkajs's Long prints it (a BigInt sum). */
function sum(base: number | bigint, delta: number | bigint): string {
  if (typeof base === "number" && typeof delta === "number") {
    const n = base + delta;
    if (Number.isSafeInteger(n)) return String(n);
  }
  return String(BigInt(base) + BigInt(delta));
}

/**
 * A repeated key collects its values into an array, in order, as kafkajs does
 * (inherited names such as "constructor" included: it looks them up the same way).
 */
function addHeader(headers: Headers, key: string, value: Buffer | null): void {
  const had = headers[key] as Headers[string] | undefined;
  const next = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  if (key === "__proto__") Object.defineProperty(headers, key, { value: next, enumerable: true, writable: true, configurable: true });
  else headers[key] = next;
}
