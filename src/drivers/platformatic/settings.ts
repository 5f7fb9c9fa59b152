// DriverConfig (typed Kafka properties) → @platformatic/kafka options, with
// the Java client's defaults for every key left out (java-settings.ts reads
// them). The client has no linger or batch size of its own: omb's accumulator
// batches, as for kafkajs. What it cannot honour becomes a run-start warning.
import type { ConnectionOptions as TlsOptions } from "node:tls";
import type { BaseOptions, CompressionAlgorithmValue, RetryDelayGetter, SASLOptions } from "@platformatic/kafka";
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
  securityOf,
  type TlsMaterial,
} from "../java-settings";
import { DEFAULT_MAX_POLL_RECORDS } from "../poll-records";
import { isAuthenticationFailure } from "./errors";

export type ClientSettings = Pick<
  BaseOptions,
  "clientId" | "bootstrapBrokers" | "timeout" | "requestTimeout" | "connectTimeout" | "retries" | "retryDelay" | "metadataMaxAge" | "autocreateTopics" | "tls" | "sasl"
>;

export interface ProducerSettings {
  client: ClientSettings;
  acks: -1 | 0 | 1;
  idempotent: boolean;
  compression: CompressionAlgorithmValue;
  accumulator: BatchingSettings;
}

export interface ConsumerSettings {
  client: ClientSettings;
  sessionTimeout: number;
  heartbeatInterval: number;
  rebalanceTimeout: number;
  minBytes: number;
  maxWaitTime: number;
  maxBytes: number;
  maxBytesPerPartition: number;
  /** Kafka's FetchRequest isolation level: 0 read_uncommitted, 1 read_committed. */
  isolationLevel: 0 | 1;
  /** Commit every this many ms (enable.auto.commit=true), or null: after every batch, as Java OMB's consumer. */
  commitIntervalMs: number | null;
  /** Records handed over per onMessages call at most (max.poll.records, emulated). */
  maxPollRecords: number;
}

export interface PlatformaticSettings {
  admin: ClientSettings;
  producer: ProducerSettings;
  consumer: ConsumerSettings;
  replicationFactor: number;
  topicConfigs: { name: string; value: string }[];
  warnings: string[];
}

const MECHANISMS = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] as const;

export function platformaticSettings(config: DriverConfig): PlatformaticSettings {
  const producerProps = roleProperties("producerConfig", config.commonConfig, config.producerConfig);
  const consumerProps = roleProperties("consumerConfig", config.commonConfig, config.consumerConfig);
  return {
    admin: clientSettings(roleProperties("commonConfig", config.commonConfig), "admin", 5),
    producer: producerSettings(producerProps),
    consumer: consumerSettings(consumerProps),
    replicationFactor: config.replicationFactor,
    topicConfigs: Object.entries(config.topicConfig).map(([name, value]) => ({ name, value: String(value) })),
    warnings: [],
  };
}

function clientSettings(props: PropertyReader, role: string, retries: number): ClientSettings {
  const { tls, sasl } = securityOf(props, MECHANISMS, "@platformatic/kafka");
  const requestTimeout = props.int("request.timeout.ms", 30_000);
  return {
    clientId: `${props.string("client.id", "omb")}-${role}`,
    bootstrapBrokers: bootstrapServers(props),
    // `timeout` bounds whole operations and is the produce request's ack timeout.
    timeout: requestTimeout,
    requestTimeout,
    connectTimeout: props.int("socket.connection.setup.timeout.ms", 10_000),
    retries,
    retryDelay: backoff(props.int("retry.backoff.ms", 100)),
    metadataMaxAge: props.int("metadata.max.age.ms", 300_000),
    autocreateTopics: false,
    ...(tls ? { tls: tlsOptions(tls) } : {}),
    ...(sasl ? { sasl: sasl satisfies SASLOptions } : {}),
  };
}

/**
 * Java's backoff: retry.backoff.ms doubling per attempt up to retry.backoff.max.ms. A
 * refused SASL login reaches the client as a retriable connection failure; it would log
 * in again, and be refused again, `retries` times. Closing the client ends its retry loop
 * at once with the failures so far, so a wrong password fails fast, as in Java.
 */
function backoff(initialMs: number): RetryDelayGetter {
  return (client, _operation, attempt, _retries, error) => {
    if (isAuthenticationFailure(error)) queueMicrotask(() => void (client as { close(): Promise<void> }).close().catch(() => {}));
    return Math.min(initialMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
  };
}

function tlsOptions({ checkHost, ...pem }: TlsMaterial): TlsOptions {
  return { ...pem, ...(checkHost ? {} : { checkServerIdentity: () => undefined }) };
}

function producerSettings(props: PropertyReader): ProducerSettings {
  const acks = props.acks();
  const accumulator = batchingSettings(props);
  const retries = Math.min(props.int("retries", 2_147_483_647), retriesWithin(props, accumulator.deliveryTimeoutMs));
  return {
    client: clientSettings(props, "producer", retries),
    acks,
    idempotent: idempotenceOf(props, acks, accumulator.maxInFlight),
    compression: props.string("compression.type", "none") as CompressionAlgorithmValue,
    accumulator,
  };
}

function consumerSettings(props: PropertyReader): ConsumerSettings {
  return {
    client: clientSettings(props, "consumer", 5),
    sessionTimeout: props.int("session.timeout.ms", 45_000),
    heartbeatInterval: props.int("heartbeat.interval.ms", 3_000),
    rebalanceTimeout: props.int("max.poll.interval.ms", 300_000),
    minBytes: props.int("fetch.min.bytes", 1),
    maxWaitTime: props.int("fetch.max.wait.ms", 500),
    maxBytes: props.int("fetch.max.bytes", 52_428_800),
    maxBytesPerPartition: props.int("max.partition.fetch.bytes", 1_048_576),
    isolationLevel: props.string("isolation.level", "read_uncommitted") === "read_committed" ? 1 : 0,
    commitIntervalMs: commitIntervalOf(props),
    maxPollRecords: props.int("max.poll.records", DEFAULT_MAX_POLL_RECORDS),
  };
}
