// For integration tests (`*.integration.test.ts`, the only ones that need a broker):
// importing this module gives the run a real Kafka broker in KAFKA_BOOTSTRAP — the
// caller's when set, else the local broker of scripts/kafka, started on first use (the
// same code as `bun run kafka:up`) and found again cheaply by later runs. If it cannot
// start, the import throws with the broker log's path instead of hanging. Unit tests
// never import it, so they need neither Java nor a broker.
import { Kafka, logLevel } from "kafkajs";
import { ensureKafka } from "../../scripts/kafka/broker";

process.env.KAFKA_BOOTSTRAP ||= await ensureKafka();
/** host:port[,host:port…] of the test broker; also in process.env for the processes tests start. */
export const KAFKA_BOOTSTRAP: string = process.env.KAFKA_BOOTSTRAP;

/** A kafkajs client on the test broker that logs only errors. */
export function testKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: KAFKA_BOOTSTRAP.split(","), logLevel: logLevel.ERROR });
}

/** e.g. `omb-test-smoke-m3x9k2-4f1a`: unique per call, and findable by prefix if left behind. */
export function uniqueName(what: string): string {
  return `omb-test-${what}-${Date.now().toString(36)}-${Math.random().toString(16).slice(2, 6)}`;
}
