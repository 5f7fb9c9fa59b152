// Which sequence numbers of one producer were seen: a bitmap of 1 bit per
// sequence in chunks of 65,536, allocated on first use, so tens of millions of
// sequences cost a few MB whatever pattern a consumer sees (one partition of k
// gets every k-th sequence, so neither a Set nor a range list stays small).
// Encoded as deflated chunks in base64: full or periodic chunks shrink to a few bytes.
import { deflateSync, inflateSync } from "node:zlib";
import type { EncodedSequenceSet } from "./types";

const CHUNK_BITS = 65_536;
const CHUNK_WORDS = CHUNK_BITS / 32;
/** Keeps chunk indexes below 2^31 (and in a u32 in the encoding): ~1.4e14 sequences. */
export const MAX_SEQUENCE = 2 ** 47 - 1;

const MAGIC = 0x3151534f; // "OSQ1" read as a little-endian u32
const RECORD_BYTES = 4 + CHUNK_WORDS * 4;
/** A corrupt or hostile encoding must not inflate into unbounded memory. */
const MAX_DECODED_BYTES = 2 ** 30;

export class SequenceSet {
  /** Chunk index → bits. A Map, not an array: a far-off sequence must not make a huge sparse array. */
  private readonly chunks = new Map<number, Uint32Array>();
  /** Consecutive adds mostly hit the same chunk. */
  private lastIndex = -1;
  private lastChunk: Uint32Array = new Uint32Array(0);
  private size = 0;

  /** How many distinct sequences are in the set. */
  get count(): number {
    return this.size;
  }

  /** Adds a sequence; false when it was already there (a duplicate). */
  add(sequence: number): boolean {
    if (!(sequence >= 0 && sequence <= MAX_SEQUENCE) || sequence % 1 !== 0) {
      throw new RangeError(`sequence ${sequence} is not an integer in 0..${MAX_SEQUENCE}`);
    }
    const chunkIndex = (sequence / CHUNK_BITS) | 0;
    const offset = sequence - chunkIndex * CHUNK_BITS;
    const chunk = chunkIndex === this.lastIndex ? this.lastChunk : this.chunkAt(chunkIndex);
    const word = offset >>> 5;
    const bit = 1 << (offset & 31);
    if ((chunk[word]! & bit) !== 0) return false;
    chunk[word]! |= bit;
    this.size++;
    return true;
  }

  has(sequence: number): boolean {
    if (!(sequence >= 0 && sequence <= MAX_SEQUENCE)) return false;
    const chunkIndex = (sequence / CHUNK_BITS) | 0;
    const chunk = this.chunks.get(chunkIndex);
    if (!chunk) return false;
    const offset = sequence - chunkIndex * CHUNK_BITS;
    return (chunk[offset >>> 5]! & (1 << (offset & 31))) !== 0;
  }

  /** Adds every sequence of `other`; returns how many were in both (duplicates across consumers). */
  union(other: SequenceSet): number {
    let overlap = 0;
    for (const [index, theirs] of other.chunks) {
      const mine = this.chunks.get(index);
      if (!mine) {
        this.chunks.set(index, theirs.slice());
        this.size += popcountWords(theirs);
        continue;
      }
      for (let w = 0; w < CHUNK_WORDS; w++) {
        const both = mine[w]! & theirs[w]!;
        overlap += popcount(both);
        this.size += popcount(theirs[w]!) - popcount(both);
        mine[w]! |= theirs[w]!;
      }
    }
    return overlap;
  }

  /**
   * How many of the sequences 0..n-1 are neither in this set nor in `excluding`.
   * Reconciliation: lost = received.countMissing(sent, failed).
   */
  countMissing(n: number, excluding?: SequenceSet): number {
    let missing = 0;
    const lastChunk = Math.ceil(n / CHUNK_BITS) - 1;
    for (let index = 0; index <= lastChunk; index++) {
      const bitsInChunk = Math.min(CHUNK_BITS, n - index * CHUNK_BITS);
      const mine = this.chunks.get(index);
      const theirs = excluding?.chunks.get(index);
      if (!mine && !theirs) {
        missing += bitsInChunk;
        continue;
      }
      const fullWords = bitsInChunk >>> 5;
      for (let w = 0; w < fullWords; w++) {
        missing += 32 - popcount((mine?.[w] ?? 0) | (theirs?.[w] ?? 0));
      }
      const tailBits = bitsInChunk & 31;
      if (tailBits > 0) {
        const covered = ((mine?.[fullWords] ?? 0) | (theirs?.[fullWords] ?? 0)) & ((1 << tailBits) - 1);
        missing += tailBits - popcount(covered);
      }
    }
    return missing;
  }

  private chunkAt(index: number): Uint32Array {
    let chunk = this.chunks.get(index);
    if (!chunk) {
      chunk = new Uint32Array(CHUNK_WORDS);
      this.chunks.set(index, chunk);
    }
    this.lastIndex = index;
    this.lastChunk = chunk;
    return chunk;
  }

  encode(): EncodedSequenceSet {
    const present = [...this.chunks.keys()].sort((a, b) => a - b);
    const raw = new Uint8Array(4 + present.length * RECORD_BYTES);
    const view = new DataView(raw.buffer);
    view.setUint32(0, MAGIC, true);
    let at = 4;
    for (const index of present) {
      view.setUint32(at, index, true);
      // Bun runs on little-endian machines only, so the words' bytes are already in order.
      const words = this.chunks.get(index)!;
      raw.set(new Uint8Array(words.buffer, words.byteOffset, words.byteLength), at + 4);
      at += RECORD_BYTES;
    }
    return Buffer.from(deflateSync(raw, { level: 6 })).toString("base64");
  }

  /** Throws an Error saying what is wrong when the text is not an encoded SequenceSet. */
  static decode(encoded: EncodedSequenceSet): SequenceSet {
    let raw: Uint8Array;
    try {
      raw = inflateSync(Buffer.from(encoded, "base64"), { maxOutputLength: MAX_DECODED_BYTES });
    } catch (error) {
      throw new Error(`not an encoded sequence set (${(error as Error).message})`);
    }
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    if (raw.byteLength < 4 || view.getUint32(0, true) !== MAGIC || (raw.byteLength - 4) % RECORD_BYTES !== 0) {
      throw new Error("not an encoded sequence set (bad header or length)");
    }
    const set = new SequenceSet();
    for (let at = 4; at < raw.byteLength; at += RECORD_BYTES) {
      const index = view.getUint32(at, true);
      if (index > MAX_SEQUENCE / CHUNK_BITS || set.chunks.has(index)) {
        throw new Error(`not an encoded sequence set (bad or repeated chunk ${index})`);
      }
      const words = new Uint32Array(CHUNK_WORDS);
      new Uint8Array(words.buffer).set(raw.subarray(at + 4, at + RECORD_BYTES));
      set.chunks.set(index, words);
      set.size += popcountWords(words);
    }
    return set;
  }
}

function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

function popcountWords(words: Uint32Array): number {
  let n = 0;
  for (let w = 0; w < words.length; w++) n += popcount(words[w]!);
  return n;
}
