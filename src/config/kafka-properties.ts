// The Kafka properties omb knows, per driver-config section: the type a value
// must have, and what omb does with it (agreed with the kafkajs driver, see
// docs/driver-properties.md, which is generated from this table).
import type { PropertyValue } from "./types";

export type PropertySection = "commonConfig" | "producerConfig" | "consumerConfig" | "topicConfig";

/**
 * mapped: passed to a kafkajs option. emulated: omb implements it itself.
 * accepted: meaningful in Java, moot for omb (no effect, no warning unless noted).
 * unsupported: warned at validate and run start; an error with --strict.
 */
export type PropertyStatus = "mapped" | "emulated" | "accepted" | "unsupported";

export type PropertyType =
  | { kind: "int"; min: number; max: number }
  | { kind: "number"; min: number; max: number }
  | { kind: "bool" }
  | { kind: "string" }
  /** Case-insensitive; the value becomes the canonical spelling, or `as[value]` when given. */
  | { kind: "enum"; values: readonly string[]; as?: Readonly<Record<string, PropertyValue>> }
  /** Comma-separated words from `values`. */
  | { kind: "list"; values: readonly string[] }
  /** Comma-separated host:port pairs. */
  | { kind: "hosts" }
  /** `<LoginModule> required username="…" password="…";` */
  | { kind: "jaas" };

export interface PropertySpec {
  key: string;
  section: PropertySection;
  type: PropertyType;
  status: PropertyStatus;
  /** How omb honours it, or why it cannot. */
  note: string;
  /** A legal value that still deserves a warning. */
  caution?: (value: PropertyValue) => string | undefined;
}

const INT_MAX = 2_147_483_647;
const int = (min = 0, max = INT_MAX): PropertyType => ({ kind: "int", min, max });
const long = (min = 0): PropertyType => ({ kind: "int", min, max: Number.MAX_SAFE_INTEGER });
const bool: PropertyType = { kind: "bool" };
const string: PropertyType = { kind: "string" };
const oneOf = (...values: string[]): PropertyType => ({ kind: "enum", values });

type Row = Omit<PropertySpec, "section">;
const section = (name: PropertySection, rows: Row[]): PropertySpec[] => rows.map((r) => ({ ...r, section: name }));

const JKS = "kafkajs takes PEM text, not JKS/PKCS12 key stores; not read";

const common = section("commonConfig", [
  { key: "bootstrap.servers", type: { kind: "hosts" }, status: "mapped", note: "kafkajs `brokers`" },
  { key: "client.id", type: string, status: "mapped", note: "kafkajs `clientId`" },
  { key: "request.timeout.ms", type: int(), status: "mapped", note: "kafkajs `requestTimeout`" },
  { key: "socket.connection.setup.timeout.ms", type: int(), status: "mapped", note: "kafkajs `connectionTimeout`" },
  { key: "retry.backoff.ms", type: int(), status: "mapped", note: "kafkajs `retry.initialRetryTime`" },
  { key: "metadata.max.age.ms", type: long(), status: "mapped", note: "kafkajs producer/consumer `metadataMaxAge`" },
  {
    key: "security.protocol",
    type: oneOf("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
    status: "mapped",
    note: "kafkajs `ssl` (SSL, SASL_SSL) and `sasl` (SASL_*)",
  },
  { key: "sasl.mechanism", type: oneOf("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"), status: "mapped", note: "kafkajs `sasl.mechanism`, lower-cased" },
  { key: "sasl.jaas.config", type: { kind: "jaas" }, status: "mapped", note: "kafkajs `sasl.username` / `sasl.password`, parsed from the JAAS line" },
  {
    key: "ssl.endpoint.identification.algorithm",
    type: oneOf("", "https"),
    status: "mapped",
    note: 'an empty value turns off the server host name check (kafkajs `ssl.checkServerIdentity`); "https" keeps it',
  },
  { key: "ssl.truststore.location", type: string, status: "unsupported", note: JKS },
  { key: "ssl.truststore.password", type: string, status: "unsupported", note: JKS },
  { key: "ssl.truststore.type", type: string, status: "unsupported", note: JKS },
  { key: "ssl.keystore.location", type: string, status: "unsupported", note: JKS },
  { key: "ssl.keystore.password", type: string, status: "unsupported", note: JKS },
  { key: "ssl.keystore.type", type: string, status: "unsupported", note: JKS },
  { key: "ssl.key.password", type: string, status: "unsupported", note: JKS },
  { key: "ssl.truststore.certificates", type: string, status: "unsupported", note: "inline PEM is not passed to kafkajs yet" },
  { key: "ssl.keystore.certificate.chain", type: string, status: "unsupported", note: "inline PEM is not passed to kafkajs yet" },
  { key: "ssl.keystore.key", type: string, status: "unsupported", note: "inline PEM is not passed to kafkajs yet" },
]);

const producer = section("producerConfig", [
  { key: "acks", type: { kind: "enum", values: ["all", "-1", "0", "1"], as: { all: -1, "-1": -1, "0": 0, "1": 1 } }, status: "mapped", note: "kafkajs `send({ acks })`; all = -1" },
  { key: "linger.ms", type: int(), status: "emulated", note: "omb's accumulator holds a batch open up to this long before sending it" },
  { key: "batch.size", type: int(), status: "emulated", note: "omb's accumulator sends a batch once it holds this many bytes" },
  {
    key: "max.in.flight.requests.per.connection",
    type: int(1),
    status: "emulated",
    note: "omb's accumulator caps the batches in flight per producer",
  },
  { key: "enable.idempotence", type: bool, status: "mapped", note: "kafkajs producer `idempotent`; on by default with acks=all as in Java; kafkajs then keeps one request in flight per broker (warned at run start)" },
  { key: "retries", type: int(), status: "mapped", note: "kafkajs `retry.retries`, capped at the retries that fit in delivery.timeout.ms (Java retries until that timeout)" },
  {
    key: "compression.type",
    type: oneOf("none", "gzip", "snappy", "lz4", "zstd"),
    status: "mapped",
    note: "kafkajs `CompressionTypes`; snappy, lz4 and zstd need a codec the driver registers, and one it cannot provide is reported at run start",
  },
  { key: "delivery.timeout.ms", type: int(), status: "emulated", note: 'a message not acked within it fails with error type "timeout"' },
  { key: "request.timeout.ms", type: int(), status: "mapped", note: "kafkajs `send({ timeout })`" },
  { key: "buffer.memory", type: long(), status: "emulated", note: "omb's accumulator makes sends wait while more bytes than this are buffered" },
  { key: "max.request.size", type: int(1), status: "emulated", note: "omb's accumulator splits batches to stay under it" },
  { key: "key.serializer", type: string, status: "accepted", note: "omb always sends bytes" },
  { key: "value.serializer", type: string, status: "accepted", note: "omb always sends bytes" },
  { key: "transactional.id", type: string, status: "unsupported", note: "omb does not run transactional producers" },
  { key: "partitioner.class", type: string, status: "unsupported", note: "Java classes cannot be loaded; kafkajs' default partitioner is used" },
  { key: "interceptor.classes", type: string, status: "unsupported", note: "Java classes cannot be loaded" },
]);

const consumer = section("consumerConfig", [
  {
    key: "group.id",
    type: string,
    status: "accepted",
    note: "overridden: omb uses one consumer group per subscription",
    caution: () => "is overridden: omb uses one consumer group per subscription",
  },
  {
    key: "auto.offset.reset",
    type: oneOf("earliest", "latest", "none"),
    status: "accepted",
    note: "benchmark consumers always read the run's fresh topics from the earliest offset; other values are warned",
    caution: (value) =>
      value === "earliest" ? undefined : `${value} is not used: benchmark consumers always read the run's fresh topics from the earliest offset`,
  },
  { key: "enable.auto.commit", type: bool, status: "emulated", note: "omb commits offsets itself, off the delivery path: true = every auto.commit.interval.ms; false/absent = after every batch without waiting, as Java OMB's consumer" },
  { key: "auto.commit.interval.ms", type: int(), status: "emulated", note: "interval of omb's own offset commits when enable.auto.commit=true" },
  { key: "session.timeout.ms", type: int(1), status: "mapped", note: "kafkajs `sessionTimeout`" },
  { key: "heartbeat.interval.ms", type: int(1), status: "mapped", note: "kafkajs `heartbeatInterval`" },
  { key: "max.poll.interval.ms", type: int(1), status: "mapped", note: "kafkajs `rebalanceTimeout`" },
  { key: "fetch.min.bytes", type: int(), status: "mapped", note: "kafkajs `minBytes`" },
  { key: "fetch.max.wait.ms", type: int(), status: "mapped", note: "kafkajs `maxWaitTimeInMs`" },
  { key: "fetch.max.bytes", type: int(), status: "mapped", note: "kafkajs `maxBytes`" },
  { key: "max.partition.fetch.bytes", type: int(), status: "mapped", note: "kafkajs `maxBytesPerPartition`" },
  { key: "isolation.level", type: oneOf("read_uncommitted", "read_committed"), status: "mapped", note: "kafkajs `readUncommitted`" },
  { key: "key.deserializer", type: string, status: "accepted", note: "omb always reads bytes" },
  { key: "value.deserializer", type: string, status: "accepted", note: "omb always reads bytes" },
  { key: "max.poll.records", type: int(1), status: "accepted", note: "kafkajs fetches by bytes and has no per-poll record cap" },
  { key: "partition.assignment.strategy", type: string, status: "unsupported", note: "Java assignors cannot be loaded; kafkajs' round-robin assignor is used" },
  { key: "interceptor.classes", type: string, status: "unsupported", note: "Java classes cannot be loaded" },
]);

const TOPIC = "sent with createTopics as a topic config entry";
const topic = section("topicConfig", [
  { key: "cleanup.policy", type: { kind: "list", values: ["delete", "compact"] }, status: "mapped", note: TOPIC },
  { key: "compression.type", type: oneOf("uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"), status: "mapped", note: TOPIC },
  { key: "min.insync.replicas", type: int(1), status: "mapped", note: TOPIC },
  { key: "retention.ms", type: long(-1), status: "mapped", note: TOPIC },
  { key: "retention.bytes", type: long(-1), status: "mapped", note: TOPIC },
  { key: "segment.bytes", type: int(14), status: "mapped", note: TOPIC },
  { key: "segment.ms", type: long(1), status: "mapped", note: TOPIC },
  { key: "max.message.bytes", type: int(), status: "mapped", note: TOPIC },
  { key: "message.timestamp.type", type: oneOf("CreateTime", "LogAppendTime"), status: "mapped", note: TOPIC },
  { key: "unclean.leader.election.enable", type: bool, status: "mapped", note: TOPIC },
  { key: "flush.messages", type: long(1), status: "mapped", note: TOPIC },
  { key: "flush.ms", type: long(), status: "mapped", note: TOPIC },
  { key: "index.interval.bytes", type: int(), status: "mapped", note: TOPIC },
  { key: "min.cleanable.dirty.ratio", type: { kind: "number", min: 0, max: 1 }, status: "mapped", note: TOPIC },
  { key: "delete.retention.ms", type: long(), status: "mapped", note: TOPIC },
  { key: "file.delete.delay.ms", type: long(), status: "mapped", note: TOPIC },
  { key: "preallocate", type: bool, status: "mapped", note: TOPIC },
  {
    key: "message.downconversion.enable",
    type: bool,
    status: "mapped",
    note: `${TOPIC}; Kafka 4.0 removed it, so a 4.x broker refuses it`,
    caution: () => "was removed in Kafka 4.0; a 4.x broker refuses to create the topics",
  },
  { key: "local.retention.ms", type: long(-2), status: "mapped", note: TOPIC },
  { key: "local.retention.bytes", type: long(-2), status: "mapped", note: TOPIC },
  { key: "remote.storage.enable", type: bool, status: "mapped", note: TOPIC },
]);

/** Every catalogued property, section by section. */
export const KAFKA_PROPERTIES: readonly PropertySpec[] = [...common, ...producer, ...consumer, ...topic];

const bySection = new Map<PropertySection, Map<string, PropertySpec>>();
for (const spec of KAFKA_PROPERTIES) {
  const m = bySection.get(spec.section) ?? new Map<string, PropertySpec>();
  m.set(spec.key, spec);
  bySection.set(spec.section, m);
}

/**
 * Where a key written in `section` is looked up. As in Java OMB, commonConfig
 * applies to producers and consumers too, so their keys are allowed there, and
 * producer/consumer sections may override common keys.
 */
const LOOKUP: Record<PropertySection, PropertySection[]> = {
  commonConfig: ["commonConfig", "producerConfig", "consumerConfig"],
  producerConfig: ["producerConfig", "commonConfig"],
  consumerConfig: ["consumerConfig", "commonConfig"],
  topicConfig: ["topicConfig"],
};

export function findProperty(section: PropertySection, key: string): PropertySpec | undefined {
  for (const s of LOOKUP[section]) {
    const spec = bySection.get(s)?.get(key);
    if (spec) return spec;
  }
  return undefined;
}

/** Keys that can be written in `section`, for "did you mean". */
export function propertyKeys(section: PropertySection): string[] {
  return LOOKUP[section].flatMap((s) => [...(bySection.get(s)?.keys() ?? [])]);
}

/** Secrets by name: the JAAS line, anything with a password or secret, and key material. */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase();
  return k === "sasl.jaas.config" || k.includes("password") || k.includes("secret") || k.startsWith("ssl.key");
}
