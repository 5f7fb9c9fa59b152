// Message keys per workload keyDistributor, with Java OMB's semantics: a fixed
// pool of 10,000 keys of 7 random bytes in unpadded base64url; NO_KEY gives no
// key (the client's default partitioning), KEY_ROUND_ROBIN cycles through the
// pool, RANDOM_NANO picks uniformly (Java derives the index from nanoTime, we use
// a PRNG: same distribution, cheaper), ZIP_LATENT picks with a Zipfian
// distribution (exponent 0.99, as YCSB) so a few keys — and their partitions — are hot.
// The pool comes from a fixed seed: every process and host uses the same keys,
// so a hot key is hot cluster-wide. Keys are shared Buffers: never mutate one.
import type { KeyDistributorType } from "../config/types";
import { randomSeed, xorshift32 } from "./random";

export interface KeyDistributor {
  /** The next message's key; null = no key. */
  next(): Buffer | null;
}

export const KEY_POOL_SIZE = 10_000;
const KEY_BYTES = 7;
const KEY_POOL_SEED = 0x6f6d62; // "omb"
export const ZIPF_EXPONENT = 0.99;

let keyPool: readonly Buffer[] | undefined;

/** The shared key pool (built on first use). */
export function keys(): readonly Buffer[] {
  if (!keyPool) {
    const random = xorshift32(KEY_POOL_SEED);
    const raw = new Uint8Array(KEY_BYTES);
    keyPool = Array.from({ length: KEY_POOL_SIZE }, () => {
      for (let i = 0; i < KEY_BYTES; i++) raw[i] = random() & 0xff;
      return Buffer.from(Buffer.from(raw).toString("base64url"), "latin1");
    });
  }
  return keyPool;
}

/** One per producer (each keeps its own position / random state). */
export function createKeyDistributor(type: KeyDistributorType, seed = randomSeed()): KeyDistributor {
  switch (type) {
    case "NO_KEY":
      return { next: () => null };
    case "KEY_ROUND_ROBIN": {
      const pool = keys();
      let index = -1;
      return {
        next: () => {
          if (++index >= KEY_POOL_SIZE) index = 0;
          return pool[index]!;
        },
      };
    }
    case "RANDOM_NANO": {
      const pool = keys();
      const random = xorshift32(seed);
      return { next: () => pool[random() % KEY_POOL_SIZE]! };
    }
    case "ZIP_LATENT": {
      const pool = keys();
      const random = xorshift32(seed);
      const { keep, alias } = zipfAliasTable();
      // Walker's alias method: one slot drawn uniformly, then kept or swapped for its alias (O(1), no search).
      return {
        next: () => {
          const slot = random() % KEY_POOL_SIZE;
          return pool[random() < keep[slot]! ? slot : alias[slot]!]!;
        },
      };
    }
  }
}

let zipf: { keep: Float64Array; alias: Uint32Array } | undefined;

/**
 * Alias table for ranks 0..N-1 with weight 1/(rank+1)^s (Vose's construction):
 * slot i keeps its own rank with probability keep[i] / 2^32, else gives alias[i].
 */
function zipfAliasTable(): { keep: Float64Array; alias: Uint32Array } {
  if (zipf) return zipf;
  const n = KEY_POOL_SIZE;
  const scaled = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) sum += scaled[k] = 1 / (k + 1) ** ZIPF_EXPONENT;
  for (let k = 0; k < n; k++) scaled[k] = (scaled[k]! * n) / sum;
  const keep = new Float64Array(n).fill(1);
  const alias = new Uint32Array(n).map((_, k) => k);
  const small: number[] = [];
  const large: number[] = [];
  scaled.forEach((p, k) => (p < 1 ? small : large).push(k));
  while (small.length && large.length) {
    const s = small.pop()!;
    const l = large.pop()!;
    keep[s] = scaled[s]!;
    alias[s] = l;
    scaled[l] = scaled[l]! + scaled[s]! - 1;
    (scaled[l]! < 1 ? small : large).push(l);
  }
  // Leftovers (rounding) keep their own rank: keep stays 1.
  for (let k = 0; k < n; k++) keep[k] = keep[k]! * 4_294_967_296;
  return (zipf = { keep, alias });
}
