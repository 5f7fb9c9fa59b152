import { describe, expect, test } from "bun:test";
import { CompressionTypes } from "kafkajs";
import type { DriverConfig } from "../../config/types";
import { DriverError } from "../driver";
import { kafkajsSettings } from "./settings";

const config = (sections: Partial<DriverConfig> = {}): DriverConfig => ({
  name: "test",
  driverClass: "io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver",
  client: "kafkajs",
  replicationFactor: 3,
  reset: false,
  topicConfig: {},
  commonConfig: { "bootstrap.servers": "a:9092, b:9093" },
  producerConfig: {},
  consumerConfig: {},
  ...sections,
  ...(sections.commonConfig ? { commonConfig: { "bootstrap.servers": "a:9092", ...sections.commonConfig } } : {}),
});

function configError(sections: Partial<DriverConfig>): DriverError {
  try {
    kafkajsSettings(config(sections));
  } catch (error) {
    expect(error).toBeInstanceOf(DriverError);
    expect((error as DriverError).type).toBe("config");
    return error as DriverError;
  }
  throw new Error("expected a config error");
}

describe("kafkajsSettings", () => {
  test("an empty producerConfig means Java 4.x's producer defaults", () => {
    const { producer } = kafkajsSettings(config());
    expect(producer.client.brokers).toEqual(["a:9092", "b:9093"]);
    expect(producer.acks).toBe(-1);
    expect(producer.timeout).toBe(30_000);
    expect(producer.compression).toBe(CompressionTypes.None);
    expect(producer.accumulator).toEqual({
      lingerMs: 5,
      batchSize: 16_384,
      maxInFlight: 5,
      bufferMemory: 33_554_432,
      maxRequestSize: 1_048_576,
      deliveryTimeoutMs: 120_000,
    });
    // acks=all with nothing conflicting: idempotent, as Java since 3.0.
    expect(producer.producer.idempotent).toBe(true);
    expect(producer.producer.allowAutoTopicCreation).toBe(false);
  });

  test("commonConfig applies to every role; a section overrides it", () => {
    const settings = kafkajsSettings(
      config({
        commonConfig: { "request.timeout.ms": 5000, "client.id": "bench" },
        producerConfig: { "request.timeout.ms": 7000 },
      }),
    );
    expect(settings.admin.requestTimeout).toBe(5000);
    expect(settings.consumer.client.requestTimeout).toBe(5000);
    expect(settings.producer.client.requestTimeout).toBe(7000);
    expect(settings.producer.timeout).toBe(7000);
    expect(settings.producer.client.clientId).toBe("bench-producer");
  });

  test("producer properties map to kafkajs and to the accumulator", () => {
    const { producer, warnings } = kafkajsSettings(
      config({
        producerConfig: {
          acks: 1,
          "linger.ms": 20,
          "batch.size": 131_072,
          "max.in.flight.requests.per.connection": 2,
          "buffer.memory": 1_000_000,
          "max.request.size": 500_000,
          "delivery.timeout.ms": 60_000,
          "compression.type": "zstd",
          retries: 3,
          "retry.backoff.ms": 50,
        },
      }),
    );
    expect(producer.acks).toBe(1);
    expect(producer.compression).toBe(CompressionTypes.ZSTD);
    expect(producer.accumulator).toEqual({
      lingerMs: 20,
      batchSize: 131_072,
      maxInFlight: 2,
      bufferMemory: 1_000_000,
      maxRequestSize: 500_000,
      deliveryTimeoutMs: 60_000,
    });
    expect(producer.producer.idempotent).toBe(false);
    expect(producer.producer.retry).toMatchObject({ retries: 3, initialRetryTime: 50 });
    expect(warnings).toEqual([]);
  });

  test("Java's unbounded retries become what fits in delivery.timeout.ms", () => {
    const { producer } = kafkajsSettings(config({ producerConfig: { acks: 1, "delivery.timeout.ms": 35_000 } }));
    // Backoffs of 100, 200, 400, 800 ms, then 1 s each: 4 + 34 retries reach 35 s.
    expect(producer.producer.retry?.retries).toBe(38);
  });

  test("idempotence in effect warns that kafkajs keeps one request in flight", () => {
    const { warnings } = kafkajsSettings(config());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("enable.idempotence");
    expect(warnings[0]).toContain("max.in.flight.requests.per.connection=5 acts as 1");
  });

  test("explicit idempotence that Java would refuse is a config error", () => {
    expect(configError({ producerConfig: { "enable.idempotence": true, acks: 1 } }).message).toContain("acks=all");
    expect(
      configError({ producerConfig: { "enable.idempotence": true, "max.in.flight.requests.per.connection": 6 } })
        .message,
    ).toContain("<= 5");
  });

  test("delivery.timeout.ms below linger.ms + request.timeout.ms is refused, as in Java", () => {
    expect(configError({ producerConfig: { "delivery.timeout.ms": 1000 } }).message).toContain("30005");
  });

  test("consumer properties map to kafkajs with Java's defaults", () => {
    const defaults = kafkajsSettings(config()).consumer;
    expect(defaults.consumer).toEqual({
      allowAutoTopicCreation: false,
      metadataMaxAge: 300_000,
      sessionTimeout: 45_000,
      heartbeatInterval: 3_000,
      rebalanceTimeout: 300_000,
      minBytes: 1,
      maxWaitTimeInMs: 500,
      maxBytes: 52_428_800,
      maxBytesPerPartition: 1_048_576,
      readUncommitted: true,
    });
    // Java OMB: no enable.auto.commit means its consumer commits after every poll.
    expect(defaults.commitIntervalMs).toBeNull();
    const set = kafkajsSettings(
      config({
        consumerConfig: {
          "enable.auto.commit": true,
          "auto.commit.interval.ms": 1000,
          "isolation.level": "read_committed",
          "fetch.max.wait.ms": 100,
        },
      }),
    ).consumer;
    expect(set.commitIntervalMs).toBe(1000);
    expect(set.consumer.readUncommitted).toBe(false);
    expect(set.consumer.maxWaitTimeInMs).toBe(100);
  });

  test("topic configs travel as strings, with the replication factor", () => {
    const settings = kafkajsSettings(
      config({ topicConfig: { "retention.ms": 3_600_000, "min.insync.replicas": 2, preallocate: true } }),
    );
    expect(settings.replicationFactor).toBe(3);
    expect(settings.topicConfigEntries).toEqual([
      { name: "retention.ms", value: "3600000" },
      { name: "min.insync.replicas", value: "2" },
      { name: "preallocate", value: "true" },
    ]);
  });

  test("SASL_SSL with SCRAM takes the credentials from sasl.jaas.config", () => {
    const { admin } = kafkajsSettings(
      config({
        commonConfig: {
          "security.protocol": "SASL_SSL",
          "sasl.mechanism": "SCRAM-SHA-512",
          "sasl.jaas.config":
            'org.apache.kafka.common.security.scram.ScramLoginModule required username="bench" password="s3\\"cret";',
          "ssl.endpoint.identification.algorithm": "",
        },
      }),
    );
    expect(admin.sasl).toEqual({ mechanism: "scram-sha-512", username: "bench", password: 's3"cret' });
    expect(typeof admin.ssl).toBe("object");
    expect((admin.ssl as { checkServerIdentity(): unknown }).checkServerIdentity()).toBeUndefined();
  });

  test("SSL keeps host name checks by default; PLAINTEXT has neither TLS nor SASL", () => {
    expect(kafkajsSettings(config({ commonConfig: { "security.protocol": "SSL" } })).admin.ssl).toBe(true);
    const plain = kafkajsSettings(config()).admin;
    expect([plain.ssl, plain.sasl]).toEqual([false, undefined]);
  });

  test("SASL problems are config errors that never show the secret", () => {
    const gssapi = configError({
      commonConfig: { "security.protocol": "SASL_PLAINTEXT", "sasl.jaas.config": 'X required username="u" password="p";' },
    });
    expect(gssapi.message).toContain("GSSAPI");
    const noPassword = configError({
      commonConfig: {
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanism": "PLAIN",
        "sasl.jaas.config": 'X required username="hunter2-user";',
      },
    });
    expect(noPassword.message).toContain("password");
    expect(noPassword.message).not.toContain("hunter2");
  });

  test("a missing bootstrap.servers is a config error", () => {
    expect(configError({ commonConfig: { "bootstrap.servers": " " } }).message).toContain("bootstrap.servers");
  });
});
