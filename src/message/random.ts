// A tiny seeded PRNG for per-message choices (payload, key): Math.random is
// slower and cannot be seeded, and these choices need no cryptographic quality.

/** xorshift32: returns a function giving uniform integers in 0 .. 2^32-1. */
export function xorshift32(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>>= 0);
  };
}

/** A seed that differs between calls and processes. */
export function randomSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
