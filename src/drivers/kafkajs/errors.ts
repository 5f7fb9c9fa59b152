// kafkajs errors → DriverError types for "errors by type": the broker's error
// code name (as Java spells it), "timeout", "connection" or "other".
import { authenticationError, DriverError } from "../driver";

/** kafkajs still uses names Kafka has since renamed; results use Java's. */
const JAVA_NAMES: Record<string, string> = {
  UNKNOWN: "UNKNOWN_SERVER_ERROR",
  NOT_LEADER_FOR_PARTITION: "NOT_LEADER_OR_FOLLOWER",
  GROUP_LOAD_IN_PROGRESS: "COORDINATOR_LOAD_IN_PROGRESS",
  GROUP_COORDINATOR_NOT_AVAILABLE: "COORDINATOR_NOT_AVAILABLE",
  NOT_COORDINATOR_FOR_GROUP: "NOT_COORDINATOR",
};

const TIMEOUTS = new Set(["KafkaJSRequestTimeoutError", "KafkaJSTimeout", "KafkaJSLockTimeout"]);
const CONNECTION = new Set(["KafkaJSConnectionError", "KafkaJSConnectionClosedError", "KafkaJSBrokerNotFound"]);

interface KafkaJSErrorLike {
  name?: string;
  message?: string;
  type?: string;
  cause?: unknown;
  errors?: unknown[];
  retryCount?: number;
}

/** The SASL mechanism of the failing client, so that an authentication error can name it. */
export function toDriverError(error: unknown, mechanism?: string): DriverError {
  if (error instanceof DriverError) return error;
  const chain = causes(error);
  const auth = chain.find((e) => e.name === "KafkaJSSASLAuthenticationError");
  if (auth) return authenticationError(mechanism, (auth.message ?? "").replace(/^SASL .*? authentication failed: /i, ""));
  const message = describe(error, chain);
  for (const e of chain) {
    if (typeof e.type === "string" && e.type !== "") return new DriverError(JAVA_NAMES[e.type] ?? e.type, message);
  }
  for (const e of chain) {
    if (e.name !== undefined && TIMEOUTS.has(e.name)) return new DriverError("timeout", message);
    if (e.name !== undefined && CONNECTION.has(e.name)) return new DriverError("connection", message);
  }
  return new DriverError("other", message);
}

/** The error, then what it wraps: kafkajs wraps through `cause`, and aggregates in `errors`. */
function causes(error: unknown): KafkaJSErrorLike[] {
  const chain: KafkaJSErrorLike[] = [];
  let current: unknown = error;
  while (current !== null && typeof current === "object" && chain.length < 10) {
    const e = current as KafkaJSErrorLike;
    if (chain.includes(e)) break;
    chain.push(e);
    current = e.cause ?? (Array.isArray(e.errors) ? e.errors[0] : undefined);
  }
  return chain;
}

function describe(error: unknown, chain: KafkaJSErrorLike[]): string {
  if (chain.length === 0) return String(error);
  const innermost = chain[chain.length - 1]!;
  const text = innermost.message || innermost.name || String(error);
  const retries = chain.find((e) => typeof e.retryCount === "number")?.retryCount;
  return retries ? `${text} (after ${retries} retries)` : text;
}
