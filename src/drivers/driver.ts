// The seam between omb and a Kafka client library. Only src/drivers/<client>/
// imports a client; the worker and coordinator see these interfaces alone.
import type { DriverConfig } from "../config/types";

export interface TopicSpec {
  name: string;
  partitions: number;
}

export interface OutgoingMessage {
  /** null = no key (the client's sticky partitioning applies). */
  key: Uint8Array | null;
  value: Uint8Array;
  headers: Record<string, Uint8Array>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  value: Uint8Array;
  headers: Record<string, Uint8Array | undefined>;
}

export interface BenchmarkProducer {
  /**
   * Hands one message to the client. Resolves when the broker acked it, rejects
   * with a DriverError when it failed for good. Never throws synchronously.
   */
  send(message: OutgoingMessage): Promise<void>;
  /** Resolves once every message handed over so far is acked or failed. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export interface ConsumerOptions {
  topics: string[];
  /** The consumer group: one per subscription. */
  subscription: string;
  /** Called per fetched batch; receivedAtMicros is wall clock (µs since epoch). */
  onMessages(messages: IncomingMessage[], receivedAtMicros: number): void;
}

export interface BenchmarkConsumer {
  /** Resolves when this consumer has joined its group and received its assignment (possibly empty). */
  readonly ready: Promise<void>;
  pause(): void;
  resume(): void;
  close(): Promise<void>;
}

export interface Driver {
  /** What the client cannot honour as Java's would (e.g. a setting it ignores), for the run-start log. */
  readonly warnings: readonly string[];
  createTopics(topics: TopicSpec[]): Promise<void>;
  /** Returns the names that could not be deleted, with why. */
  deleteTopics(names: string[]): Promise<{ name: string; error: string }[]>;
  listTopics(prefix: string): Promise<string[]>;
  createProducer(topic: string): Promise<BenchmarkProducer>;
  createConsumer(options: ConsumerOptions): Promise<BenchmarkConsumer>;
  close(): Promise<void>;
}

/**
 * A failure classified for "errors by type": timeout, connection, a broker
 * error code name (e.g. NOT_LEADER_OR_FOLLOWER), or other.
 */
export class DriverError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

export type DriverFactory = (config: DriverConfig) => Promise<Driver>;

/** A refused SASL login: final (a retry would only be refused again), and it names the mechanism. */
export function authenticationError(mechanism: string | undefined, detail: string): DriverError {
  return new DriverError(
    "auth",
    `SASL ${mechanism ?? ""} authentication failed: ${detail}; check sasl.mechanism and the username and password in sasl.jaas.config`.replace(/ {2,}/g, " "),
  );
}
