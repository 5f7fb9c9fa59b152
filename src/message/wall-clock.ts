// Wall clock in µs since the epoch, for latencies that cross processes and hosts
// (end-to-end: the send time travels in the message). performance.now() and
// Bun.nanoseconds() share their origin, so a producer that already read
// Bun.nanoseconds() for its schedule gets the wall clock without a second read.

/** Wall clock now, µs since the epoch. */
export function wallClockMicros(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

const originMicros = performance.timeOrigin * 1000 + (performance.now() * 1000 - Bun.nanoseconds() / 1000);

/** The wall clock, µs since the epoch, at a Bun.nanoseconds() reading of this process. */
export function wallClockMicrosAt(nanoseconds: number): number {
  return Math.round(originMicros + nanoseconds / 1000);
}
