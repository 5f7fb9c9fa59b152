// Each worker's clock against the coordinator's, NTP-style: several round trips
// of GET /health, each giving the coordinator's send and receive times and the
// worker's clock in between; the sample with the smallest round trip wins, its
// offset taken from the midpoint and known to ± half that round trip. Measured
// at the start and at the end of a run (the difference is the drift).
import type { ClockOffset } from "../result/types";
import type { Worker } from "../worker/api/worker";

/** One round trip: coordinator clock at send and at receive, the worker's clock in its answer (ms). */
export interface ClockSample {
  sentAt: number;
  workerAt: number;
  receivedAt: number;
}

export interface OffsetEstimate {
  /** Worker minus coordinator, ms. */
  offsetMs: number;
  uncertaintyMs: number;
  samples: number;
}

export const CLOCK_ROUNDS = 5;

/** The minimum-round-trip sample's offset; undefined without samples. */
export function estimateOffset(samples: readonly ClockSample[]): OffsetEstimate | undefined {
  let best: ClockSample | undefined;
  for (const s of samples) if (!best || s.receivedAt - s.sentAt < best.receivedAt - best.sentAt) best = s;
  if (!best) return undefined;
  const rtt = best.receivedAt - best.sentAt;
  return { offsetMs: best.workerAt - (best.sentAt + rtt / 2), uncertaintyMs: rtt / 2, samples: samples.length };
}

/** `rounds` round trips one after the other; a failed one is skipped (a lost worker is someone else's concern). */
export async function sampleClock(ask: () => Promise<number | undefined>, now: () => number, rounds = CLOCK_ROUNDS): Promise<ClockSample[]> {
  const samples: ClockSample[] = [];
  for (let i = 0; i < rounds; i++) {
    const sentAt = now();
    const workerAt = await ask().catch(() => undefined);
    const receivedAt = now();
    if (workerAt !== undefined) samples.push({ sentAt, workerAt, receivedAt });
  }
  return samples;
}

const wallClock = () => performance.timeOrigin + performance.now();

/** Samples every worker at once (each one's round trips in turn). */
export async function sampleWorkers(workers: readonly Worker[]): Promise<Map<string, ClockSample[]>> {
  const entries = await Promise.all(workers.map(async (w) => [w.id, await sampleClock(async () => (await w.health()).now, wallClock)] as const));
  return new Map(entries);
}

/** Per worker: the offset from every sample of start and end, and the drift between them. */
export function clockOffsets(start: Map<string, ClockSample[]>, end: Map<string, ClockSample[]>): ClockOffset[] {
  const out: ClockOffset[] = [];
  for (const id of new Set([...start.keys(), ...end.keys()])) {
    const a = start.get(id) ?? [];
    const b = end.get(id) ?? [];
    const all = estimateOffset([...a, ...b]);
    if (!all) continue;
    const first = estimateOffset(a);
    const last = estimateOffset(b);
    out.push({
      worker: id,
      offsetMs: all.offsetMs,
      uncertaintyMs: all.uncertaintyMs,
      samples: all.samples,
      ...(first && last ? { driftMs: last.offsetMs - first.offsetMs } : {}),
    });
  }
  return out;
}
