import { describe, expect, test } from "bun:test";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Properties } from "../../config/types";
import { conformanceConfig } from "../driver.conformance";
import { DriverError } from "../driver";
import { platformaticSettings } from "./settings";

const settings = (common: Properties = {}, producerConfig: Properties = {}, consumerConfig: Properties = {}) =>
  platformaticSettings({ ...conformanceConfig("platformatic", { "bootstrap.servers": "a:9092,b:9093", ...common }), producerConfig, consumerConfig });

describe("platformaticSettings", () => {
  test("Java's defaults: acks=all and idempotent, 30 s timeouts, no auto-created topics, commits after every batch", () => {
    const s = settings();
    expect(s.producer).toMatchObject({ acks: -1, idempotent: true, compression: "none" });
    expect(s.producer.client).toMatchObject({ bootstrapBrokers: ["a:9092", "b:9093"], timeout: 30_000, requestTimeout: 30_000, autocreateTopics: false, clientId: "omb-producer" });
    expect(s.producer.accumulator).toEqual({ lingerMs: 5, batchSize: 16_384, maxInFlight: 5, bufferMemory: 33_554_432, maxRequestSize: 1_048_576, deliveryTimeoutMs: 120_000 });
    expect(s.consumer).toMatchObject({ sessionTimeout: 45_000, maxWaitTime: 500, isolationLevel: 0, commitIntervalMs: null });
    expect(s.admin.tls).toBeUndefined();
    expect(s.admin.sasl).toBeUndefined();
  });

  test("producer and consumer keys map to the client's options", () => {
    const s = settings({}, { acks: 1, "compression.type": "lz4", "request.timeout.ms": 7000, retries: 2 }, { "isolation.level": "read_committed", "enable.auto.commit": true });
    expect(s.producer).toMatchObject({ acks: 1, idempotent: false, compression: "lz4" });
    expect(s.producer.client).toMatchObject({ timeout: 7000, retries: 2 });
    expect(s.consumer).toMatchObject({ isolationLevel: 1, commitIntervalMs: 5000 });
  });

  test("retry.backoff.ms doubles per attempt up to 1 s", () => {
    const delay = settings({ "retry.backoff.ms": 200 }).admin.retryDelay as (...a: unknown[]) => number;
    expect([1, 2, 3, 4, 10].map((attempt) => delay({}, "op", attempt, 5, new Error("x")))).toEqual([200, 400, 800, 1000, 1000]);
  });

  test("SASL: the mechanism and the credentials of the JAAS line", () => {
    const s = settings({ "security.protocol": "SASL_SSL", "sasl.mechanism": "SCRAM-SHA-512", "sasl.jaas.config": 'x required username="u" password="p";' });
    expect(s.admin.sasl).toEqual({ mechanism: "SCRAM-SHA-512", username: "u", password: "p" });
    expect(s.admin.tls).toEqual({});
  });

  test("SSL: a PEM trust store becomes the CA; no host check when the algorithm is empty; a JKS store is refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "omb-pem-"));
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    writeFileSync(join(dir, "ca.pem"), pem);
    writeFileSync(join(dir, "ca.jks"), new Uint8Array([0xfe, 0xed, 0xfe, 0xed]));
    const tls = settings({ "security.protocol": "SSL", "ssl.truststore.type": "PEM", "ssl.truststore.location": join(dir, "ca.pem"), "ssl.endpoint.identification.algorithm": "" }).admin.tls!;
    expect(tls.ca).toBe(pem);
    expect(tls.checkServerIdentity?.("localhost", {} as never)).toBeUndefined();
    expect(() => settings({ "security.protocol": "SSL", "ssl.truststore.location": join(dir, "ca.jks") })).toThrow(DriverError);
    expect(() => settings({ "security.protocol": "SSL", "ssl.truststore.location": join(dir, "ca.jks") })).toThrow(/keytool -exportcert -rfc/);
  });
});
