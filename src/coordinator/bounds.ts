// Time bounds for a run: how long each step may take, and the helpers that make
// every wait end (by its bound, or at once on Ctrl-C). Phases poll real
// conditions with these instead of sleeping.

/** Bounds of each step, ms. */
export interface Bounds {
  /** A worker call that answers at once (counters, readiness, rate). */
  quickCall: number;
  /** Initialize, create producers/consumers, start load, probe. */
  setupCall: number;
  /** Create or delete topics. */
  topicCall: number;
  /** Period stats and cumulative latencies. */
  statsCall: number;
  /** Producers flush every send (acked or failed). */
  stopLoad: number;
  stop: number;
  /** Every consumer has partitions and every probe arrived. */
  readiness: number;
  /** Consumers catch up with what was acked; stops early when they make no progress. */
  drain: number;
  drainStall: number;
  /** Backlog build plus drain. */
  backlog: number;
}

export const DEFAULT_BOUNDS: Bounds = {
  quickCall: 10_000,
  setupCall: 60_000,
  topicCall: 120_000,
  statsCall: 30_000,
  stopLoad: 120_000,
  stop: 60_000,
  readiness: 60_000,
  drain: 60_000,
  drainStall: 15_000,
  backlog: 30 * 60_000,
};


/** Thrown out of a phase when the run was interrupted (SIGINT/SIGTERM). */
export class RunAborted extends Error {
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}`);
  }
}

/** A wait that reached its bound; `what` says which wait, for the user. */
export class BoundExceeded extends Error {
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what}: no answer within ${formatMs(ms)}`);
  }
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** Resolves after `ms`, or as soon as `signal` aborts (without throwing). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Throws RunAborted when the run was interrupted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RunAborted(String(signal.reason ?? "abort"));
}

/**
 * Settles with `promise`, or rejects with BoundExceeded after `ms`, or with
 * RunAborted when `signal` aborts first. The underlying call is not cancelled;
 * its late answer is ignored.
 */
export function bounded<T>(promise: Promise<T>, ms: number, what: string, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    const onAbort = () => {
      cleanup();
      reject(new RunAborted(String(signal?.reason ?? "abort")));
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new BoundExceeded(what, ms));
    }, ms);
    if (signal?.aborted) return onAbort();
    signal?.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}

export interface PollOptions {
  timeoutMs: number;
  intervalMs: number;
  signal?: AbortSignal;
}

/**
 * Calls `probe` every `intervalMs` until `done(value)` holds. Returns the last
 * value and whether the condition was met before `timeoutMs`; throws RunAborted
 * on interruption and passes on the probe's own errors.
 */
export async function pollUntil<T>(
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  options: PollOptions,
): Promise<{ met: boolean; value: T }> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    throwIfAborted(options.signal);
    const value = await probe();
    if (done(value)) return { met: true, value };
    const left = deadline - performance.now();
    if (left <= 0) return { met: false, value };
    await sleep(Math.min(options.intervalMs, left), options.signal);
  }
}
