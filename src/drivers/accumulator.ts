// The Java producer's RecordAccumulator and Sender in small, for clients that
// send one request per call (kafkajs): records collect in per-partition batches
// that stay open until the sender drains them; a batch is sendable once full,
// lingered linger.ms, or a flush/close/memory wait is under way. One request
// takes at most one batch per partition, up to max.request.size, and at most
// max.in.flight requests run at once. Every record of a batch shares the
// batch's promise, so the hot path allocates nothing per record but the
// caller's own record.
import { DriverError } from "./driver";
import { ProducerBatch } from "./producer-batch";

/**
 * Timers fire in whole milliseconds: a batch due within this much (at most
 * half of linger.ms) of the one whose timer fired goes in the same request,
 * not in another one a timer later.
 */
const LINGER_SLACK_MS = 1;

export interface AccumulatorOptions<R> {
  partitions: number;
  lingerMs: number;
  batchSize: number;
  maxInFlight: number;
  bufferMemory: number;
  maxRequestSize: number;
  deliveryTimeoutMs: number;
  /** One produce request with these batches; resolves at the ack, rejects with a DriverError. */
  sendRequest(batches: ProducerBatch<R>[]): Promise<void>;
  /** Source of the sticky partition choice, [0, 1); tests fix it. */
  random?: () => number;
}

/** A record waiting for buffer.memory to free up. */
interface Waiter<R> {
  record: R;
  size: number;
  partition: number | null;
  deadline: number;
  promise: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class RecordAccumulator<R> {
  private readonly deques: ProducerBatch<R>[][];
  private readonly inFlightRequests = new Set<ProducerBatch<R>[]>();
  private readonly waiting: Waiter<R>[] = [];
  private readonly capacity: number;
  private readonly random: () => number;
  private readonly sweepIntervalMs: number;
  private readonly lingerSlackMs: number;
  private buffered = 0;
  private batches = 0;
  private flushing = 0;
  private closed = false;
  private sticky: number;
  private drainIndex = 0;
  private drainScheduled = false;
  private lingerTimer: ReturnType<typeof setTimeout> | undefined;
  private sweepTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: AccumulatorOptions<R>) {
    this.deques = Array.from({ length: options.partitions }, () => []);
    // batch.size above max.request.size could never be sent whole.
    this.capacity = Math.min(options.batchSize, options.maxRequestSize);
    this.random = options.random ?? Math.random;
    this.sticky = Math.floor(this.random() * options.partitions);
    // Expiry is checked on a coarse tick: a tenth of the timeout, 10 ms .. 1 s.
    this.sweepIntervalMs = Math.min(1000, Math.max(10, options.deliveryTimeoutMs / 10));
    this.lingerSlackMs = Math.min(LINGER_SLACK_MS, options.lingerMs / 2);
  }

  /**
   * Adds one record of `size` bytes; `partition` null means sticky (KIP-480).
   * Resolves when its batch is acked; rejects with a DriverError.
   */
  append(record: R, size: number, partition: number | null): Promise<void> {
    if (this.closed) return Promise.reject(new DriverError("other", "the producer is closed"));
    const limit = Math.min(this.options.maxRequestSize, this.options.bufferMemory);
    if (size > limit) {
      return Promise.reject(
        new DriverError(
          "MESSAGE_TOO_LARGE",
          `a ${size}-byte message exceeds max.request.size/buffer.memory (${limit} bytes)`,
        ),
      );
    }
    if (this.waiting.length > 0 || this.buffered + size > this.options.bufferMemory) {
      return this.wait(record, size, partition);
    }
    return this.add(record, size, partition);
  }

  /** Sends everything now; resolves once every record appended so far is acked or failed. */
  async flush(): Promise<void> {
    const pending: Promise<void>[] = [];
    for (const deque of this.deques) for (const batch of deque) pending.push(batch.promise);
    for (const request of this.inFlightRequests) for (const batch of request) pending.push(batch.promise);
    for (const waiter of this.waiting) pending.push(waiter.promise);
    if (pending.length === 0) return;
    this.flushing++;
    this.drain();
    try {
      await Promise.allSettled(pending);
    } finally {
      this.flushing--;
    }
  }

  /** Flushes, then refuses further records. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    clearTimeout(this.lingerTimer);
    clearTimeout(this.sweepTimer);
  }

  /** Records appended and not yet settled (including those waiting for memory). */
  get pendingBytes(): number {
    let waitingBytes = 0;
    for (const waiter of this.waiting) waitingBytes += waiter.size;
    return this.buffered + waitingBytes;
  }

  private add(record: R, size: number, partition: number | null): Promise<void> {
    let p = partition ?? this.sticky;
    let deque = this.deques[p]!;
    let batch = deque[deque.length - 1];
    if (batch === undefined || !this.fits(batch, size)) {
      if (batch !== undefined) this.seal(batch);
      if (partition === null && this.options.partitions > 1) {
        // A new batch on the sticky partition moves stickiness elsewhere.
        p = this.sticky = this.nextSticky(p);
        deque = this.deques[p]!;
        batch = deque[deque.length - 1];
      }
      if (batch === undefined || !this.fits(batch, size)) {
        if (batch !== undefined) this.seal(batch);
        const now = performance.now();
        batch = new ProducerBatch<R>(p, now, now + this.options.deliveryTimeoutMs);
        deque.push(batch);
        this.batches++;
        this.armLinger();
        this.armSweep();
      }
    }
    batch.records.push(record);
    batch.bytes += size;
    this.buffered += size;
    if (batch.bytes >= this.capacity) this.seal(batch);
    else if (this.options.lingerMs === 0 || this.flushing > 0) this.scheduleDrain();
    return batch.promise;
  }

  /** No more records go into this batch: it is sendable now. */
  private seal(batch: ProducerBatch<R>): void {
    batch.full = true;
    this.scheduleDrain();
  }

  private fits(batch: ProducerBatch<R>, size: number): boolean {
    return !batch.full && batch.bytes + size <= this.capacity;
  }

  private nextSticky(current: number): number {
    const next = Math.floor(this.random() * (this.options.partitions - 1));
    return next >= current ? next + 1 : next;
  }

  private wait(record: R, size: number, partition: number | null): Promise<void> {
    const { promise, resolve, reject } = Promise.withResolvers<void>();
    const deadline = performance.now() + this.options.deliveryTimeoutMs;
    this.waiting.push({ record, size, partition, deadline, promise, resolve, reject });
    this.armSweep();
    // Memory waiters make every batch sendable (Java's "exhausted" rule).
    this.scheduleDrain();
    return promise;
  }

  private admitWaiters(): void {
    while (this.waiting.length > 0) {
      const waiter = this.waiting[0]!;
      if (this.buffered + waiter.size > this.options.bufferMemory) return;
      this.waiting.shift();
      this.add(waiter.record, waiter.size, waiter.partition).then(waiter.resolve, waiter.reject);
    }
  }

  /** A batch is due once it has lingered (less `slackMs`, when a drain is under way anyway). */
  private sendable(batch: ProducerBatch<R>, now: number, slackMs = 0): boolean {
    return (
      batch.full ||
      this.flushing > 0 ||
      this.closed ||
      this.waiting.length > 0 ||
      now - batch.createdAt >= this.options.lingerMs - slackMs
    );
  }

  private scheduleDrain(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    // A microtask: records appended in the same tick join the same request.
    queueMicrotask(this.drainTask);
  }

  private readonly drainTask = (): void => {
    this.drainScheduled = false;
    this.drain();
  };

  /** Sends what is sendable; whatever is left lingering gets a timer, whichever batch now heads its deque. */
  private drain(): void {
    this.sendReady();
    this.armLinger();
  }

  private sendReady(): void {
    const { partitions, maxInFlight, maxRequestSize } = this.options;
    const now = performance.now();
    while (this.inFlightRequests.size < maxInFlight) {
      let request: ProducerBatch<R>[] | undefined;
      let bytes = 0;
      const start = this.drainIndex;
      for (let i = 0; i < partitions; i++) {
        const p = (start + i) % partitions;
        const deque = this.deques[p]!;
        const head = deque[0];
        if (head === undefined || !this.sendable(head, now, this.lingerSlackMs)) continue;
        if (request !== undefined && bytes + head.bytes > maxRequestSize) {
          // The next request starts here, so no partition starves.
          this.drainIndex = p;
          break;
        }
        deque.shift();
        (request ??= []).push(head);
        bytes += head.bytes;
      }
      if (request === undefined) return;
      this.launch(request);
    }
  }

  private launch(request: ProducerBatch<R>[]): void {
    this.inFlightRequests.add(request);
    this.options.sendRequest(request).then(
      () => this.complete(request, undefined),
      (error: DriverError) => this.complete(request, error),
    );
  }

  private complete(request: ProducerBatch<R>[], error: DriverError | undefined): void {
    this.inFlightRequests.delete(request);
    for (const batch of request) this.settle(batch, error);
    this.admitWaiters();
    this.drain();
  }

  private settle(batch: ProducerBatch<R>, error: DriverError | undefined): void {
    this.buffered -= batch.bytes;
    this.batches--;
    if (batch.done) return;
    batch.done = true;
    if (error === undefined) batch.resolve();
    else batch.reject(error);
  }

  private armLinger(): void {
    if (this.lingerTimer !== undefined || this.options.lingerMs === 0) return;
    const now = performance.now();
    let earliest = Infinity;
    for (const deque of this.deques) {
      const head = deque[0];
      if (head !== undefined && !this.sendable(head, now) && head.createdAt < earliest) {
        earliest = head.createdAt;
      }
    }
    if (earliest === Infinity) return;
    // Rounded up: the timer truncates fractions and would fire before the batch is due.
    this.lingerTimer = setTimeout(this.lingerTask, Math.max(0, Math.ceil(earliest + this.options.lingerMs - now)));
  }

  private readonly lingerTask = (): void => {
    this.lingerTimer = undefined;
    this.drain();
  };

  private armSweep(): void {
    if (this.sweepTimer !== undefined) return;
    if (this.batches === 0 && this.waiting.length === 0) return;
    this.sweepTimer = setTimeout(this.sweepTask, this.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  /** delivery.timeout.ms: fails what is not acked in time, queued or in flight. */
  private readonly sweepTask = (): void => {
    this.sweepTimer = undefined;
    const now = performance.now();
    const error = new DriverError(
      "timeout",
      `not acked within delivery.timeout.ms (${this.options.deliveryTimeoutMs} ms)`,
    );
    while (this.waiting.length > 0 && this.waiting[0]!.deadline <= now) {
      this.waiting.shift()!.reject(error);
    }
    let freed = false;
    for (const deque of this.deques) {
      while (deque.length > 0 && deque[0]!.deadline <= now) {
        this.settle(deque.shift()!, error);
        freed = true;
      }
    }
    // In-flight batches fail now but hold their memory and slot until the client answers.
    for (const request of this.inFlightRequests) {
      for (const batch of request) {
        if (!batch.done && batch.deadline <= now) {
          batch.done = true;
          batch.reject(error);
        }
      }
    }
    if (freed) {
      this.admitWaiters();
      this.drain();
    }
    this.armSweep();
  };
}
