// DriverConfig (typed Kafka properties) → kafkajs options, with the Java
// client's defaults for every key left out, so a driver file means what it
// means to Java OMB (java-settings.ts reads them). What kafkajs cannot honour
// becomes a run-start warning; what cannot work at all is a DriverError of
// type "config".
import type { ConsumerConfig, KafkaConfig, ProducerConfig, RetryOptions, SASLOptions } from "kafkajs";
import { CompressionTypes } from "kafkajs";
import type { DriverConfig } from "../../config/types";
import {
  type BatchingSettings,
  batchingSettings,
  bootstrapServers,
  commitIntervalOf,
  idempotenceOf,
  MAX_BACKOFF_MS,
  type PropertyReader,
  retriesWithin,
  roleProperties,
  type SaslCredentials,
  securityOf,
  type TlsMaterial,
} from "../java-settings";
import { DEFAULT_MAX_POLL_RECORDS } from "../poll-records";

export type ClientSettings = Omit<KafkaConfig, "logCreator" | "logLevel">;

export interface ProducerSettings {
  client: ClientSettings;
  producer: ProducerConfig;
  acks: -1 | 0 | 1;
  /** The broker-side ack timeout sent with every produce request. */
  timeout: number;
  compression: CompressionTypes;
  accumulator: BatchingSettings;
}

export interface ConsumerSettings {
  client: ClientSettings;
  consumer: Omit<ConsumerConfig, "groupId">;
  /** Commit every this many ms (enable.auto.commit=true), or null: after every batch, as Java OMB's consumer. */
  commitIntervalMs: number | null;
  /** Records handed over per onMessages call at most (max.poll.records, emulated). */
  maxPollRecords: number;
}

export interface KafkajsSettings {
  admin: ClientSettings;
  producer: ProducerSettings;
  consumer: ConsumerSettings;
  replicationFactor: number;
  topicConfigEntries: { name: string; value: string }[];
  /** Things kafkajs cannot honour as Java would, printed at run start. */
  warnings: string[];
}

const COMPRESSION: Record<string, CompressionTypes> = {
  none: CompressionTypes.None,
  gzip: CompressionTypes.GZIP,
  snappy: CompressionTypes.Snappy,
  lz4: CompressionTypes.LZ4,
  zstd: CompressionTypes.ZSTD,
};

const MECHANISMS = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] as const;


export function kafkajsSettings(config: DriverConfig): KafkajsSettings {
  const warnings: string[] = [];
  const common = roleProperties("commonConfig", config.commonConfig);
  const producerProps = roleProperties("producerConfig", config.commonConfig, config.producerConfig);
  const consumerProps = roleProperties("consumerConfig", config.commonConfig, config.consumerConfig);
  return {
    admin: clientSettings(common, "admin"),
    producer: producerSettings(producerProps, warnings),
    consumer: consumerSettings(consumerProps),
    replicationFactor: config.replicationFactor,
    topicConfigEntries: Object.entries(config.topicConfig).map(([name, value]) => ({ name, value: String(value) })),
    warnings,
  };
}

function clientSettings(props: PropertyReader, role: string): ClientSettings {
  const { tls, sasl } = securityOf(props, MECHANISMS, "kafkajs");
  return {
    brokers: bootstrapServers(props),
    clientId: `${props.string("client.id", "omb")}-${role}`,
    requestTimeout: props.int("request.timeout.ms", 30_000),
    connectionTimeout: props.int("socket.connection.setup.timeout.ms", 10_000),
    retry: retry(props, 5),
    ssl: tls ? tlsOptions(tls) : false,
    sasl: sasl ? saslOptions(sasl) : undefined,
  };
}

function tlsOptions({ checkHost, ...pem }: TlsMaterial): KafkaConfig["ssl"] {
  const options = { ...pem, ...(checkHost ? {} : { checkServerIdentity: () => undefined }) };
  return Object.keys(options).length === 0 ? true : options;
}

function saslOptions({ mechanism, username, password }: SaslCredentials): SASLOptions {
  switch (mechanism) {
    case "PLAIN":
      return { mechanism: "plain", username, password };
    case "SCRAM-SHA-256":
      return { mechanism: "scram-sha-256", username, password };
    case "SCRAM-SHA-512":
      return { mechanism: "scram-sha-512", username, password };
  }
}

function retry(props: PropertyReader, retries: number): RetryOptions {
  return {
    retries,
    initialRetryTime: props.int("retry.backoff.ms", 100),
    maxRetryTime: MAX_BACKOFF_MS,
    factor: 0.2,
    multiplier: 2,
  };
}

function producerSettings(props: PropertyReader, warnings: string[]): ProducerSettings {
  const acks = props.acks();
  const accumulator = batchingSettings(props);
  const { maxInFlight, deliveryTimeoutMs } = accumulator;
  const retries = props.int("retries", 2_147_483_647);
  const idempotent = idempotenceOf(props, acks, maxInFlight);
  if (idempotent && maxInFlight > 1) {
    warnings.push(
      `producerConfig.enable.idempotence is in effect${props.has("enable.idempotence") ? "" : " (Java's default with acks=all)"}: ` +
        `kafkajs lets an idempotent producer have one produce request in flight per broker, so ` +
        `max.in.flight.requests.per.connection=${maxInFlight} acts as 1; set enable.idempotence=false for more in flight`,
    );
  }
  return {
    client: clientSettings(props, "producer"),
    producer: {
      idempotent,
      allowAutoTopicCreation: false,
      metadataMaxAge: props.int("metadata.max.age.ms", 300_000),
      // Java retries until delivery.timeout.ms; kafkajs counts retries, and a
      // request it is retrying holds an in-flight slot, so the count is bounded
      // by what fits in the delivery timeout.
      retry: retry(props, Math.min(retries, retriesWithin(props, deliveryTimeoutMs, MAX_BACKOFF_MS))),
    },
    acks,
    timeout: props.int("request.timeout.ms", 30_000),
    compression: COMPRESSION[props.string("compression.type", "none")] ?? CompressionTypes.None,
    accumulator,
  };
}

function consumerSettings(props: PropertyReader): ConsumerSettings {
  return {
    client: clientSettings(props, "consumer"),
    consumer: {
      allowAutoTopicCreation: false,
      metadataMaxAge: props.int("metadata.max.age.ms", 300_000),
      sessionTimeout: props.int("session.timeout.ms", 45_000),
      heartbeatInterval: props.int("heartbeat.interval.ms", 3_000),
      rebalanceTimeout: props.int("max.poll.interval.ms", 300_000),
      minBytes: props.int("fetch.min.bytes", 1),
      maxWaitTimeInMs: props.int("fetch.max.wait.ms", 500),
      maxBytes: props.int("fetch.max.bytes", 52_428_800),
      maxBytesPerPartition: props.int("max.partition.fetch.bytes", 1_048_576),
      readUncommitted: props.string("isolation.level", "read_uncommitted") === "read_uncommitted",
    },
    commitIntervalMs: commitIntervalOf(props),
    maxPollRecords: props.int("max.poll.records", DEFAULT_MAX_POLL_RECORDS),
  };
}

/** The Java name of the SASL mechanism, for error messages. */
export function mechanismOf(settings: ClientSettings): string | undefined {
  return settings.sasl?.mechanism.toUpperCase();
}
