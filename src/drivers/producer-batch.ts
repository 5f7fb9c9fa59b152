// One partition's batch in the accumulator: its records share one promise,
// settled once when the request carrying it is acked or fails, or it expires.
import type { DriverError } from "./driver";

export class ProducerBatch<R> {
  readonly records: R[] = [];
  bytes = 0;
  /** No more records fit: sendable regardless of linger. */
  full = false;
  /** Settled (acked, failed or expired). */
  done = false;
  readonly promise: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: DriverError) => void;

  constructor(
    readonly partition: number,
    readonly createdAt: number,
    readonly deadline: number,
  ) {
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    this.promise = promise;
    this.resolve = resolve;
    this.reject = reject;
  }
}
