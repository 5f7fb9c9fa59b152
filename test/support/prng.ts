// A seeded pseudo-random generator (mulberry32) for fuzz tests: the same inputs
// on every run, so a failure can be replayed.
export function prng(seed: number): { random(): number; pick<T>(items: readonly T[]): T } {
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { random, pick: (items) => items[Math.floor(random() * items.length)]! };
}
