// A LatencyRecorder's counts written straight into HdrHistogram's compressed
// V2 form (what encodeHistogram produces), without building an hdr histogram
// first. Going through hdr-histogram-js cost a producing child 2–7 ms on its
// event loop at every period-stats read — late sends, measured as publish
// delay. Here it is one pass over the counts and a native deflate.
import { deflateSync } from "node:zlib";
import { HIGHEST_US, LOWEST_US, SIGNIFICANT_DIGITS } from "./histogram";
import type { EncodedHistogram } from "./types";

const V2_COOKIE = 0x1c849303 | 0x10;
const V2_COMPRESSED_COOKIE = 0x1c849304 | 0x10;
/** Cookie, payload length, normalizing offset, digits, lowest, highest, conversion ratio. */
const HEADER_BYTES = 40;
/** The most a ZigZag LEB128-64b9B word takes. */
const MAX_WORD_BYTES = 9;

/**
 * `counts` (plus `extra`, slot by slot) in hdr's layout for 1 µs .. 1 h at 3
 * digits, encoded as hdr-histogram-js encodes the same histogram.
 */
export function encodeCounts(counts: Float64Array, extra?: Float64Array): EncodedHistogram {
  let last = -1;
  for (let i = counts.length - 1; i >= 0; i--) {
    if (counts[i]! + (extra?.[i] ?? 0) !== 0) {
      last = i;
      break;
    }
  }
  const limit = Math.max(last, 0) + 1;
  const size = HEADER_BYTES + limit * MAX_WORD_BYTES;
  if (scratch.length < size) scratch = new Uint8Array(size);
  const bytes = scratch;
  const view = new DataView(bytes.buffer);
  let off = HEADER_BYTES;
  for (let i = 0; i < limit; ) {
    const count = counts[i]! + (extra?.[i] ?? 0);
    i++;
    if (count !== 0) {
      off = writeZigZag(bytes, off, count);
      continue;
    }
    let zeros = 1;
    while (i < limit && counts[i]! + (extra?.[i] ?? 0) === 0) {
      zeros++;
      i++;
    }
    off = writeZigZag(bytes, off, zeros > 1 ? -zeros : 0);
  }
  view.setInt32(0, V2_COOKIE);
  view.setInt32(4, off - HEADER_BYTES);
  view.setInt32(8, 1);
  view.setInt32(12, SIGNIFICANT_DIGITS);
  setInt64(view, 16, LOWEST_US);
  setInt64(view, 24, HIGHEST_US);
  setInt64(view, 32, 1);

  const compressed = deflateSync(bytes.subarray(0, off));
  const out = Buffer.allocUnsafe(8 + compressed.length);
  out.writeInt32BE(V2_COMPRESSED_COOKIE, 0);
  out.writeInt32BE(compressed.length, 4);
  out.set(compressed, 8);
  return out.toString("base64");
}

/** Reused between calls: deflate copies what it reads, and a fresh 200 KiB per period is garbage. */
let scratch = new Uint8Array(0);

function setInt64(view: DataView, at: number, value: number): void {
  view.setUint32(at, Math.floor(value / 2 ** 32));
  view.setUint32(at + 4, value >>> 0);
}

/** ZigZag then LEB128, at most 9 bytes (the ninth carries 8 bits), for integers up to 2^53. */
function writeZigZag(bytes: Uint8Array, off: number, value: number): number {
  let v = value >= 0 ? value * 2 : -value * 2 - 1;
  for (let n = 0; n < 8; n++) {
    if (v < 0x80) {
      bytes[off++] = v;
      return off;
    }
    bytes[off++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  bytes[off++] = v;
  return off;
}
