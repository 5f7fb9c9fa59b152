// Placeholder until scripts/kafka exists: tests that need Kafka read KAFKA_BOOTSTRAP.
export {};
