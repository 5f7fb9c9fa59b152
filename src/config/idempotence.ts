// Java's producer (Kafka 3.0 on) is idempotent unless enable.idempotence=false
// or acks, max.in.flight or retries rule it out. The driver applies this rule,
// and a run's reconciliation uses it to know whether duplicates are expected.
import type { Properties } from "./types";

/** Why idempotence cannot be on with these settings, or undefined when it can. */
export function idempotenceConflict(acks: number, maxInFlight: number, retries: number): string | undefined {
  if (acks !== -1) return `acks=all (it is ${acks})`;
  if (maxInFlight > 5) return `max.in.flight.requests.per.connection <= 5 (it is ${maxInFlight})`;
  if (retries === 0) return "retries > 0";
  return undefined;
}

/** Whether a producer with this (validated, typed) config is idempotent, as Java decides. */
export function effectiveIdempotence(producerConfig: Properties): boolean {
  const explicit = producerConfig["enable.idempotence"];
  if (typeof explicit === "boolean") return explicit;
  const int = (key: string, fallback: number) => {
    const value = producerConfig[key];
    return typeof value === "number" ? value : fallback;
  };
  return (
    idempotenceConflict(int("acks", -1), int("max.in.flight.requests.per.connection", 5), int("retries", 2_147_483_647)) ===
    undefined
  );
}
