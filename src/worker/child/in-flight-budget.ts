// Bytes handed to the driver and not yet acked or failed, shared by all the
// producers of a child. A per-producer cap alone lets a child with 100
// producers hold 100 × 16,384 unacked messages when the broker or the child
// falls behind (1.8 GB of child RSS measured at 1 KiB); one budget per child bounds the
// child's memory whatever the producer count, as Java's buffer.memory does for
// a producer. When it is spent, producers wait and the wait shows as publish delay.

/**
 * Java's buffer.memory default (32 MiB), for all of a child's producers: each
 * unacked byte costs several in the child (message objects, the encoded batch,
 * the request), and 32 MiB still covers over a second of 25 MB/s per child.
 */
export const MAX_UNACKED_BYTES_PER_CHILD = 32 * 1024 * 1024;

export class InFlightBudget {
  private used = 0;

  constructor(readonly limitBytes = MAX_UNACKED_BYTES_PER_CHILD) {}

  /** True when no more sends may start; one send may overshoot, so a message larger than the budget still goes. */
  get spent(): boolean {
    return this.used >= this.limitBytes;
  }

  take(bytes: number): void {
    this.used += bytes;
  }

  give(bytes: number): void {
    this.used -= bytes;
  }

  get bytes(): number {
    return this.used;
  }
}
