// For integration tests: the broker that test/preload-kafka.ts provides, and names that do
// not collide with other tests or earlier runs on the shared broker.
import { Kafka, logLevel } from "kafkajs";

export function kafkaBootstrap(): string {
  const bootstrap = process.env.KAFKA_BOOTSTRAP;
  if (!bootstrap) {
    throw new Error("KAFKA_BOOTSTRAP is not set: run tests with `bun test` (test/preload-kafka.ts sets it) or set it yourself");
  }
  return bootstrap;
}

/** A kafkajs client on the test broker that logs only errors. */
export function testKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: kafkaBootstrap().split(","), logLevel: logLevel.ERROR });
}

/** e.g. `omb-test-smoke-m3x9k2-4f1a`: unique per call, and findable by prefix if left behind. */
export function uniqueName(what: string): string {
  return `omb-test-${what}-${Date.now().toString(36)}-${Math.random().toString(16).slice(2, 6)}`;
}
