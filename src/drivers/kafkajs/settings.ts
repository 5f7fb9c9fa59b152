// DriverConfig (typed Kafka properties) → kafkajs options, with the Java
// client's defaults for every key left out, so a driver file means what it
// means to Java OMB. What kafkajs cannot honour becomes a run-start warning;
// what cannot work at all is a DriverError of type "config".
import type { ConsumerConfig, KafkaConfig, ProducerConfig, RetryOptions, SASLOptions } from "kafkajs";
import { CompressionTypes } from "kafkajs";
import { idempotenceConflict } from "../../config/idempotence";
import { parseJaasConfig } from "../../config/jaas";
import type { DriverConfig, Properties, PropertyValue } from "../../config/types";
import type { AccumulatorOptions } from "../accumulator";
import { DriverError } from "../driver";

export type ClientSettings = Omit<KafkaConfig, "logCreator" | "logLevel">;

export interface ProducerSettings {
  client: ClientSettings;
  producer: ProducerConfig;
  acks: -1 | 0 | 1;
  /** The broker-side ack timeout sent with every produce request. */
  timeout: number;
  compression: CompressionTypes;
  accumulator: Omit<AccumulatorOptions<unknown>, "partitions" | "sendRequest" | "random">;
}

export interface ConsumerSettings {
  client: ClientSettings;
  consumer: Omit<ConsumerConfig, "groupId">;
  /** Commit every this many ms (enable.auto.commit=true), or null: after every batch, as Java OMB's consumer. */
  commitIntervalMs: number | null;
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

/** Java's retry.backoff.max.ms default: kafkajs' backoff grows to this, as Java's does. */
const MAX_BACKOFF_MS = 1000;

export function kafkajsSettings(config: DriverConfig): KafkajsSettings {
  const warnings: string[] = [];
  const common = new PropertyReader("commonConfig", config.commonConfig);
  const producerProps = new PropertyReader("producerConfig", { ...config.commonConfig, ...config.producerConfig });
  const consumerProps = new PropertyReader("consumerConfig", { ...config.commonConfig, ...config.consumerConfig });
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
  const servers = props.string("bootstrap.servers", "");
  const brokers = servers
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (brokers.length === 0) {
    throw new DriverError("config", "commonConfig.bootstrap.servers is empty: give host:port[,host:port…] of the brokers");
  }
  const protocol = props.string("security.protocol", "PLAINTEXT");
  const tls = protocol === "SSL" || protocol === "SASL_SSL";
  const checkHost = props.string("ssl.endpoint.identification.algorithm", "https") !== "";
  return {
    brokers,
    clientId: `${props.string("client.id", "omb")}-${role}`,
    requestTimeout: props.int("request.timeout.ms", 30_000),
    connectionTimeout: props.int("socket.connection.setup.timeout.ms", 10_000),
    retry: retry(props, 5),
    ssl: tls ? (checkHost ? true : { checkServerIdentity: () => undefined }) : false,
    sasl: protocol.startsWith("SASL_") ? sasl(props) : undefined,
  };
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

function sasl(props: PropertyReader): SASLOptions {
  // GSSAPI is Java's default mechanism, and kafkajs has no Kerberos.
  const mechanism = props.string("sasl.mechanism", "GSSAPI");
  const jaas = props.string("sasl.jaas.config", "");
  const where = `${props.section}.sasl.jaas.config`;
  if (jaas === "") throw new DriverError("config", `${where} is missing: SASL needs username="…" password="…"`);
  const parsed = parseJaasConfig(jaas);
  if ("problem" in parsed) throw new DriverError("config", `${where} ${parsed.problem}`);
  const { username, password } = parsed.options;
  if (username === undefined || password === undefined) {
    throw new DriverError("config", `${where} needs both username="…" and password="…"`);
  }
  switch (mechanism) {
    case "PLAIN":
      return { mechanism: "plain", username, password };
    case "SCRAM-SHA-256":
      return { mechanism: "scram-sha-256", username, password };
    case "SCRAM-SHA-512":
      return { mechanism: "scram-sha-512", username, password };
    default:
      throw new DriverError(
        "config",
        `sasl.mechanism ${mechanism} is not available in kafkajs: use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512`,
      );
  }
}

function producerSettings(props: PropertyReader, warnings: string[]): ProducerSettings {
  const acks = props.acks();
  const lingerMs = props.int("linger.ms", 5);
  const requestTimeout = props.int("request.timeout.ms", 30_000);
  const maxInFlight = props.int("max.in.flight.requests.per.connection", 5);
  const deliveryTimeoutMs = props.int("delivery.timeout.ms", Math.max(120_000, lingerMs + requestTimeout));
  if (deliveryTimeoutMs < lingerMs + requestTimeout) {
    throw new DriverError(
      "config",
      `producerConfig.delivery.timeout.ms (${deliveryTimeoutMs}) must be at least linger.ms + request.timeout.ms ` +
        `(${lingerMs + requestTimeout}), as in Java`,
    );
  }
  const retries = props.int("retries", 2_147_483_647);
  const idempotent = idempotence(props, acks, maxInFlight, retries);
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
      retry: retry(props, Math.min(retries, retriesWithin(props, deliveryTimeoutMs))),
    },
    acks,
    timeout: requestTimeout,
    compression: COMPRESSION[props.string("compression.type", "none")] ?? CompressionTypes.None,
    accumulator: {
      lingerMs,
      batchSize: props.int("batch.size", 16_384),
      maxInFlight,
      bufferMemory: props.int("buffer.memory", 33_554_432),
      maxRequestSize: props.int("max.request.size", 1_048_576),
      deliveryTimeoutMs,
    },
  };
}

/** Java's rule (see idempotence.ts); an explicit true that conflicts is a config error, as in Java. */
function idempotence(props: PropertyReader, acks: number, maxInFlight: number, retries: number): boolean {
  const conflict = idempotenceConflict(acks, maxInFlight, retries);
  if (!props.has("enable.idempotence")) return conflict === undefined;
  const wanted = props.bool("enable.idempotence", true);
  if (wanted && conflict !== undefined) {
    throw new DriverError(
      "config",
      `producerConfig.enable.idempotence=true needs ${conflict}, as in Java; change it or set enable.idempotence=false`,
    );
  }
  return wanted;
}

function retriesWithin(props: PropertyReader, deliveryTimeoutMs: number): number {
  let backoff = props.int("retry.backoff.ms", 100);
  let total = 0;
  let count = 0;
  while (total < deliveryTimeoutMs && count < 1000) {
    total += backoff;
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    count++;
  }
  return count;
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
    // Java OMB reads a missing enable.auto.commit as false and then commits after every poll.
    commitIntervalMs: props.bool("enable.auto.commit", false) ? props.int("auto.commit.interval.ms", 5_000) : null,
  };
}

/** Typed reads with Java's default when a key is absent; a mistyped value names its key. */
class PropertyReader {
  constructor(
    readonly section: string,
    private readonly props: Properties,
  ) {}

  has(key: string): boolean {
    return this.props[key] !== undefined;
  }

  int(key: string, fallback: number): number {
    const value = this.props[key];
    if (value === undefined) return fallback;
    if (typeof value === "number" && Number.isInteger(value)) return value;
    throw this.mistyped(key, value, "an integer");
  }

  bool(key: string, fallback: boolean): boolean {
    const value = this.props[key];
    if (value === undefined) return fallback;
    if (typeof value === "boolean") return value;
    throw this.mistyped(key, value, "true or false");
  }

  string(key: string, fallback: string): string {
    const value = this.props[key];
    if (value === undefined) return fallback;
    if (typeof value === "string") return value;
    throw this.mistyped(key, value, "text");
  }

  acks(): -1 | 0 | 1 {
    const value = this.props.acks;
    if (value === undefined) return -1;
    if (value === -1 || value === 0 || value === 1) return value;
    throw this.mistyped("acks", value, "-1 (all), 0 or 1");
  }

  private mistyped(key: string, value: PropertyValue, expected: string): DriverError {
    // Secrets never travel in messages.
    const shown = key === "sasl.jaas.config" ? "a value" : JSON.stringify(value);
    return new DriverError("config", `${this.section}.${key} is ${shown}, expected ${expected}`);
  }
}
