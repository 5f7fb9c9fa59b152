// ProduceRequest v3 (v4–v7 reuse its body) written straight into one buffer.
// kafkajs's own encoder gives every record, header and varint a growing
// Encoder of its own and copies each level into the next: measured at about
// 85 % of a producing child's CPU. This writes the same bytes, sized up front;
// `patches.ts` loads it in place of kafkajs's file, and a test compares the two
// byte for byte.
import { CompressionCodecs } from "kafkajs";
import { crc32c } from "./crc32c";

/** What kafkajs's producer hands a produce request (`sendMessages` → `broker.produce`). */
export interface ProduceRequestArgs {
  acks: number;
  timeout: number;
  transactionalId?: string | null;
  producerId?: unknown;
  producerEpoch?: number;
  compression?: number;
  topicData: { topic: string; partitions: PartitionData[] }[];
}

interface PartitionData {
  partition: number;
  firstSequence?: number;
  messages: ProducedMessage[];
}

interface ProducedMessage {
  key?: unknown;
  value?: unknown;
  headers?: Record<string, unknown>;
  timestamp?: unknown;
}

/** kafkajs's Encoder as far as its request framing reads one. */
export interface EncodedRequest {
  buf: Buffer;
  readonly buffer: Buffer;
  size(): number;
  /** Free bytes in `buf` before `buffer`, where the frame can go without a copy. */
  headroom?: number;
}

/** Room left before a produce request for its frame (request-frame.ts): size, api, correlation and a client id of up to 114 bytes. */
const FRAME_HEADROOM = 128;

export function produceRequest(args: ProduceRequestArgs) {
  return {
    apiKey: 0,
    apiVersion: 3,
    apiName: "Produce",
    expectResponse: () => args.acks !== 0,
    encode: () => encodeProduceRequest(args),
  };
}

const MAGIC = 2;
const TRANSACTIONAL = 0x10;
const CODEC_MASK = 0x07;
/** Record batch bytes before its records: base offset … record count. */
const BATCH_HEADER = 61;
/** The CRC covers the batch from its attributes on. */
const CRC_FROM = 21;

interface PreparedBatch {
  partition: number;
  attributes: number;
  lastOffsetDelta: number;
  firstTimestamp: bigint;
  maxTimestamp: bigint;
  firstSequence: number;
  count: number;
  records: RecordsLayout;
  /** The records compressed, when the request is; else they are written in place. */
  compressed?: Uint8Array;
}

async function encodeProduceRequest(args: ProduceRequestArgs): Promise<EncodedRequest> {
  const compression = args.compression ?? 0;
  const transactionalId = args.transactionalId ?? null;
  const producerId = toBigInt(args.producerId ?? -1);
  const producerEpoch = args.producerEpoch ?? 0;
  const attributes = (compression & CODEC_MASK) | (transactionalId ? TRANSACTIONAL : 0);

  const topics: { name: Buffer; batches: PreparedBatch[] }[] = [];
  let size = 2 + (transactionalId === null ? 0 : Buffer.byteLength(transactionalId)) + 2 + 4 + 4;
  for (const { topic, partitions } of args.topicData) {
    const name = Buffer.from(topic);
    const batches: PreparedBatch[] = [];
    size += 2 + name.length + 4;
    for (const data of partitions) {
      const batch = prepareBatch(data, attributes);
      if (compression !== 0) {
        const records = Buffer.allocUnsafe(batch.records.size);
        writeRecords(batch.records, records, 0);
        batch.compressed = await compress(compression, records);
      }
      size += 8 + BATCH_HEADER + recordsSize(batch);
      batches.push(batch);
    }
    topics.push({ name, batches });
  }

  const buf = Buffer.allocUnsafe(FRAME_HEADROOM + size);
  let off = FRAME_HEADROOM;
  if (transactionalId === null) off = buf.writeInt16BE(-1, off);
  else {
    off = buf.writeInt16BE(Buffer.byteLength(transactionalId), off);
    off += buf.write(transactionalId, off);
  }
  off = buf.writeInt16BE(args.acks, off);
  off = buf.writeInt32BE(args.timeout, off);
  off = buf.writeInt32BE(topics.length, off);
  for (const { name, batches } of topics) {
    off = buf.writeInt16BE(name.length, off);
    buf.set(name, off);
    off += name.length;
    off = buf.writeInt32BE(batches.length, off);
    for (const b of batches) {
      const records = recordsSize(b);
      off = buf.writeInt32BE(b.partition, off);
      off = buf.writeInt32BE(BATCH_HEADER + records, off);
      const start = off;
      off = buf.writeBigInt64BE(0n, off);
      off = buf.writeInt32BE(BATCH_HEADER - 12 + records, off);
      off = buf.writeInt32BE(0, off);
      off = buf.writeInt8(MAGIC, off);
      off += 4; // CRC, written once the rest is in place
      off = buf.writeInt16BE(b.attributes, off);
      off = buf.writeInt32BE(b.lastOffsetDelta, off);
      off = buf.writeBigInt64BE(b.firstTimestamp, off);
      off = buf.writeBigInt64BE(b.maxTimestamp, off);
      off = buf.writeBigInt64BE(producerId, off);
      off = buf.writeInt16BE(producerEpoch, off);
      off = buf.writeInt32BE(b.firstSequence, off);
      off = buf.writeInt32BE(b.count, off);
      if (b.compressed === undefined) off = writeRecords(b.records, buf, off);
      else {
        buf.set(b.compressed, off);
        off += b.compressed.length;
      }
      buf.writeUInt32BE(crc32c(buf, start + CRC_FROM, off), start + CRC_FROM - 4);
    }
  }
  return { buf, buffer: buf.subarray(FRAME_HEADROOM), size: () => size, headroom: FRAME_HEADROOM };
}

function recordsSize(batch: PreparedBatch): number {
  return batch.compressed?.length ?? batch.records.size;
}

function prepareBatch({ partition, firstSequence = 0, messages }: PartitionData, attributes: number): PreparedBatch {
  // As kafkajs: a message without a timestamp gets the encoding time, and the
  // batch's first and max timestamps come from a default (string) sort.
  const now = Date.now();
  let stamped: unknown[] | undefined;
  for (const m of messages) if (m.timestamp != null) (stamped ??= []).push(m.timestamp);
  const sorted = stamped === undefined ? [now] : stamped.sort();
  const first = sorted[0];
  return {
    partition,
    attributes,
    lastOffsetDelta: messages.length - 1,
    firstTimestamp: toBigInt(first),
    maxTimestamp: toBigInt(sorted[sorted.length - 1]),
    firstSequence,
    count: messages.length,
    records: layRecords(messages, now, first),
  };
}

/** A batch's records as bytes to write, with each record's body size and the total. */
interface RecordsLayout {
  keys: (Uint8Array | null)[];
  values: (Uint8Array | null)[];
  headers: (Uint8Array | null)[][];
  deltas: number[];
  bodies: number[];
  size: number;
}

function layRecords(messages: ProducedMessage[], now: number, firstTimestamp: unknown): RecordsLayout {
  const n = messages.length;
  const layout: RecordsLayout = {
    keys: new Array(n),
    values: new Array(n),
    headers: new Array(n),
    deltas: new Array(n),
    bodies: new Array(n),
    size: 0,
  };
  for (let i = 0; i < n; i++) {
    const m = messages[i]!;
    const key = (layout.keys[i] = bytesOf(m.key));
    const value = (layout.values[i] = bytesOf(m.value));
    const delta = (layout.deltas[i] = Number(((m.timestamp || now) as number) - (firstTimestamp as number)));
    const hs = (layout.headers[i] = flattenHeaders(m.headers));
    let body = 1 + sizeOfVarLong(delta) + sizeOfUVarInt(zigzag(i)) + sizeOfBytes(key) + sizeOfBytes(value);
    body += sizeOfUVarInt(zigzag(hs.length / 2));
    for (const h of hs) body += sizeOfBytes(h);
    layout.bodies[i] = body;
    layout.size += sizeOfUVarInt(zigzag(body)) + body;
  }
  return layout;
}

/** Writes each record as `length attributes tsDelta offsetDelta key value headers`; returns the end offset. */
function writeRecords(layout: RecordsLayout, buf: Buffer, off: number): number {
  const { keys, values, headers, deltas, bodies } = layout;
  for (let i = 0; i < bodies.length; i++) {
    off = writeUVarInt(buf, off, zigzag(bodies[i]!));
    buf[off++] = 0;
    off = writeVarLong(buf, off, deltas[i]!);
    off = writeUVarInt(buf, off, zigzag(i));
    off = writeBytes(buf, off, keys[i]!);
    off = writeBytes(buf, off, values[i]!);
    const hs = headers[i]!;
    off = writeUVarInt(buf, off, zigzag(hs.length / 2));
    for (const h of hs) off = writeBytes(buf, off, h);
  }
  return off;
}

async function compress(type: number, records: Uint8Array): Promise<Uint8Array> {
  const codec = (CompressionCodecs as Record<number, (() => { compress(e: { buffer: Uint8Array }): Promise<Uint8Array> }) | undefined>)[type];
  if (codec === undefined) throw new Error(`compression type ${type} has no codec in this client`);
  return codec().compress({ buffer: records });
}

const headerNames = new Map<string, Buffer>();

/** Header names and values alternating; an array value is one header per element. */
function flattenHeaders(headers: Record<string, unknown> | undefined): (Uint8Array | null)[] {
  const out: (Uint8Array | null)[] = [];
  if (headers === undefined) return out;
  for (const name in headers) {
    let nameBytes = headerNames.get(name);
    if (nameBytes === undefined) {
      nameBytes = Buffer.from(name);
      if (headerNames.size < 1024) headerNames.set(name, nameBytes);
    }
    const value = headers[name];
    if (Array.isArray(value)) for (const v of value) out.push(nameBytes, bytesOf(v));
    else out.push(nameBytes, bytesOf(value));
  }
  return out;
}

/** Bytes as kafkajs writes them: Buffers raw, anything else as its UTF-8 string, null/undefined as null. */
function bytesOf(value: unknown): Uint8Array | null {
  if (value == null) return null;
  return Buffer.isBuffer(value) ? value : Buffer.from(String(value));
}

function zigzag(v: number): number {
  return ((v << 1) ^ (v >> 31)) >>> 0;
}

function sizeOfUVarInt(u: number): number {
  return u < 0x80 ? 1 : u < 0x4000 ? 2 : u < 0x200000 ? 3 : u < 0x10000000 ? 4 : 5;
}

/** As writeBytes writes it: the length zigzagged (64..127 bytes take a 2-byte varint). */
function sizeOfBytes(b: Uint8Array | null): number {
  return b === null ? 1 : sizeOfUVarInt(zigzag(b.length)) + b.length;
}

function writeUVarInt(buf: Buffer, off: number, u: number): number {
  while (u > 0x7f) {
    buf[off++] = (u & 0x7f) | 0x80;
    u >>>= 7;
  }
  buf[off++] = u;
  return off;
}

function writeBytes(buf: Buffer, off: number, b: Uint8Array | null): number {
  if (b === null) return writeUVarInt(buf, off, 1); // zigzag(-1)
  off = writeUVarInt(buf, off, zigzag(b.length));
  buf.set(b, off);
  return off + b.length;
}

const INT32 = 2 ** 31;

function sizeOfVarLong(v: number): number {
  if (v >= -INT32 && v < INT32) return sizeOfUVarInt(zigzag(v));
  let z = zigzag64(v);
  let size = 1;
  while (z > 0x7fn) {
    z >>= 7n;
    size++;
  }
  return size;
}

function writeVarLong(buf: Buffer, off: number, v: number): number {
  if (v >= -INT32 && v < INT32) return writeUVarInt(buf, off, zigzag(v));
  let z = zigzag64(v);
  while (z > 0x7fn) {
    buf[off++] = Number(z & 0x7fn) | 0x80;
    z >>= 7n;
  }
  buf[off++] = Number(z);
  return off;
}

function zigzag64(v: number): bigint {
  const b = BigInt(Math.trunc(v));
  return BigInt.asUintN(64, (b << 1n) ^ (b >> 63n));
}

/** int64 fields arrive as kafkajs Longs, numbers, numeric strings or bigints. */
function toBigInt(v: unknown): bigint {
  if (typeof v === "bigint") return BigInt.asIntN(64, v);
  if (typeof v === "object" && v !== null && typeof (v as { value?: unknown }).value === "bigint") {
    return BigInt.asIntN(64, (v as { value: bigint }).value);
  }
  const n = Number(v);
  return Number.isFinite(n) ? BigInt.asIntN(64, BigInt(Math.trunc(n))) : 0n;
}
