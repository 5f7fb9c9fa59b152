// Gives every test run a real Kafka broker in process.env.KAFKA_BOOTSTRAP: the caller's when
// set, else the local broker of scripts/kafka — started here on first use (the same code as
// `bun run kafka:up`), found again cheaply by later runs. If it cannot start, this throws with
// the broker log's path, and the run stops instead of hanging.
import { ensureKafka } from "../scripts/kafka/broker";
import { silenceTimeoutNegativeWarning } from "../scripts/kafka/quiet-warnings";

silenceTimeoutNegativeWarning();
if (!process.env.KAFKA_BOOTSTRAP) {
  process.env.KAFKA_BOOTSTRAP = await ensureKafka();
}
