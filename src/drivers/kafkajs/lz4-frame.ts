// LZ4 frames as Kafka's broker accepts them. lz4js compresses blocks well but
// its frame writer leaves the block-independence flag unset, which Kafka
// refuses ("Dependent block stream is unsupported"). So frames are written
// here: 64 KiB independent blocks (as Java's client writes), each compressed
// with a cleared match table. Reading uses lz4js's frame reader as is.
import * as lz4 from "lz4js";
import { hash as xxh32 } from "lz4js/xxh32.js";

const MAGIC = 0x184d2204;
/** Version 01, blocks independent; no checksums. */
const FLG = 0x60;
/** Block maximum size 64 KiB. */
const BD = 4 << 4;
const BLOCK = 64 * 1024;
const UNCOMPRESSED = 0x80000000;

const matchTable = new Uint32Array(1 << 16);
const blockBuffer = new Uint8Array(lz4.compressBound(BLOCK));

export function compressFrame(src: Uint8Array): Buffer {
  const blocks = Math.ceil(src.length / BLOCK);
  const out = Buffer.allocUnsafe(7 + blocks * (4 + BLOCK) + 4);
  out.writeUInt32LE(MAGIC, 0);
  out[4] = FLG;
  out[5] = BD;
  out[6] = (xxh32(0, out, 4, 2) >>> 8) & 0xff;
  let at = 7;
  for (let start = 0; start < src.length; start += BLOCK) {
    const length = Math.min(BLOCK, src.length - start);
    matchTable.fill(0);
    const size = lz4.compressBlock(src, blockBuffer, start, length, matchTable);
    if (size === 0 || size >= length) {
      out.writeUInt32LE((UNCOMPRESSED | length) >>> 0, at);
      out.set(src.subarray(start, start + length), at + 4);
      at += 4 + length;
    } else {
      out.writeUInt32LE(size, at);
      out.set(blockBuffer.subarray(0, size), at + 4);
      at += 4 + size;
    }
  }
  out.writeUInt32LE(0, at);
  return out.subarray(0, at + 4);
}

export function decompressFrame(src: Uint8Array): Buffer {
  const bytes = lz4.decompress(src);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
