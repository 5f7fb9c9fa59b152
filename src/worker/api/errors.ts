// Failures of a worker call that carry the HTTP status the server answers with.

/** 409: the call does not fit the worker's state (e.g. start load before initialize), or the broker's (an unknown topic). */
export class WorkerStateError extends Error {
  readonly status = 409;
}

/** HTTP status for an error thrown by a Worker method: 409 for state, 500 for the rest. */
export function statusOf(error: unknown): 409 | 500 {
  return error instanceof WorkerStateError ? 409 : 500;
}
