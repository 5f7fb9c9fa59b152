import { expect, test } from "bun:test";
import { isSecretKey } from "./kafka-properties";
import { REDACTED, redactDriverConfig } from "./redact";
import type { DriverConfig } from "./types";

test("secret keys: the JAAS line, passwords, secrets, key material", () => {
  for (const k of ["sasl.jaas.config", "ssl.key.password", "ssl.keystore.location", "ssl.keystore.key", "ssl.truststore.password", "my.Password", "sasl.oauthbearer.client.secret"]) {
    expect(isSecretKey(k)).toBe(true);
  }
  for (const k of ["bootstrap.servers", "sasl.mechanism", "ssl.truststore.location", "acks"]) expect(isSecretKey(k)).toBe(false);
});

test("redactDriverConfig replaces secret values in every section and leaves the input alone", () => {
  const config: DriverConfig = {
    name: "d",
    driverClass: "kafkajs",
    client: "kafkajs",
    replicationFactor: 1,
    reset: false,
    topicConfig: { "retention.ms": 1 },
    commonConfig: { "bootstrap.servers": "h:1", "sasl.jaas.config": 'X required username="u" password="p";' },
    producerConfig: { "ssl.key.password": "k", acks: -1 },
    consumerConfig: { "some.password": "c" },
  };
  const redacted = redactDriverConfig(config);
  expect(redacted.commonConfig).toEqual({ "bootstrap.servers": "h:1", "sasl.jaas.config": REDACTED });
  expect(redacted.producerConfig).toEqual({ "ssl.key.password": REDACTED, acks: -1 });
  expect(redacted.consumerConfig).toEqual({ "some.password": REDACTED });
  expect(redacted.topicConfig).toEqual({ "retention.ms": 1 });
  expect(JSON.stringify(redacted)).not.toContain('password="p"');
  expect(config.commonConfig["sasl.jaas.config"]).toContain("password");
});
