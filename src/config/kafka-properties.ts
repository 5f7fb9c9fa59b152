// The Kafka properties omb knows, per driver-config section: the type a value
// must have, and what each client driver does with it (see
// docs/driver-properties.md, which is generated from this table).
import type { DriverClient, PropertyValue } from "./types";

export type PropertySection = "commonConfig" | "producerConfig" | "consumerConfig" | "topicConfig";

/**
 * mapped: passed to a client option. emulated: omb implements it itself.
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

/** What one client driver does with a key, and how (or why it cannot). */
export interface Handling {
  status: PropertyStatus;
  note: string;
}

export interface PropertySpec {
  key: string;
  section: PropertySection;
  type: PropertyType;
  how: Readonly<Record<DriverClient, Handling>>;
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
const h = (status: PropertyStatus, note: string): Handling => ({ status, note });
/** Both clients alike. */
const both = (status: PropertyStatus, note: string) => ({ kafkajs: h(status, note), platformatic: h(status, note) });
/** kafkajs' option, @platformatic/kafka's option. */
const options = (kafkajs: string, platformatic: string) => ({
  kafkajs: h("mapped", `kafkajs \`${kafkajs}\``),
  platformatic: h("mapped", `@platformatic/kafka \`${platformatic}\``),
});

const PEM = "PEM only: JKS/PKCS12 stores are refused at run start with the `keytool` command that exports PEM";
/** A store file named as Java's binary ones: refused at run start, so said at validate already. */
const binaryStore = (value: PropertyValue) =>
  /\.(jks|p12|pfx|keystore|truststore)$/i.test(String(value))
    ? "names a JKS/PKCS12 store, which omb's clients cannot read: export it as PEM (keytool -exportcert -rfc …) and set the store's type to PEM"
    : undefined;
const NO_STORE_PASSWORD = both("unsupported", "PEM material needs no store password; JKS/PKCS12 stores are not read");

const common = section("commonConfig", [
  { key: "bootstrap.servers", type: { kind: "hosts" }, how: options("brokers", "bootstrapBrokers") },
  { key: "client.id", type: string, how: options("clientId", "clientId") },
  { key: "request.timeout.ms", type: int(), how: options("requestTimeout", "requestTimeout` and `timeout") },
  { key: "socket.connection.setup.timeout.ms", type: int(), how: options("connectionTimeout", "connectTimeout") },
  {
    key: "retry.backoff.ms",
    type: int(),
    how: {
      kafkajs: h("mapped", "kafkajs `retry.initialRetryTime`"),
      platformatic: h("mapped", "@platformatic/kafka `retryDelay`, doubling per attempt up to 1 s as Java's"),
    },
  },
  { key: "metadata.max.age.ms", type: long(), how: options("metadataMaxAge", "metadataMaxAge") },
  {
    key: "security.protocol",
    type: oneOf("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"),
    how: {
      kafkajs: h("mapped", "kafkajs `ssl` (SSL, SASL_SSL) and `sasl` (SASL_*)"),
      platformatic: h("mapped", "@platformatic/kafka `tls` (SSL, SASL_SSL) and `sasl` (SASL_*)"),
    },
  },
  {
    key: "sasl.mechanism",
    type: oneOf("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"),
    how: {
      kafkajs: h("mapped", "kafkajs `sasl.mechanism`, lower-cased"),
      platformatic: h("mapped", "@platformatic/kafka `sasl.mechanism`"),
    },
  },
  {
    key: "sasl.jaas.config",
    type: { kind: "jaas" },
    how: options("sasl.username` / `sasl.password", "sasl.username` / `sasl.password"),
  },
  {
    key: "ssl.endpoint.identification.algorithm",
    type: oneOf("", "https"),
    how: both("mapped", 'an empty value turns off the server host name check (`checkServerIdentity`); "https" keeps it'),
  },
  { key: "ssl.truststore.location", type: string, how: both("mapped", `the CA certificates, read from the file into the TLS \`ca\`; ${PEM}`), caution: binaryStore },
  { key: "ssl.truststore.type", type: string, how: both("mapped", PEM) },
  { key: "ssl.truststore.password", type: string, how: NO_STORE_PASSWORD },
  { key: "ssl.truststore.certificates", type: string, how: both("mapped", "inline PEM CA certificates: the TLS `ca`") },
  { key: "ssl.keystore.location", type: string, how: both("mapped", `a PEM file with the client's private key and certificate chain: the TLS \`key\` and \`cert\`; ${PEM}`), caution: binaryStore },
  { key: "ssl.keystore.type", type: string, how: both("mapped", PEM) },
  { key: "ssl.keystore.password", type: string, how: NO_STORE_PASSWORD },
  { key: "ssl.keystore.certificate.chain", type: string, how: both("mapped", "inline PEM client certificate chain: the TLS `cert`") },
  { key: "ssl.keystore.key", type: string, how: both("mapped", "inline PEM client private key: the TLS `key`") },
  { key: "ssl.key.password", type: string, how: both("mapped", "the password of an encrypted PEM private key: the TLS `passphrase`") },
]);

const ACCUMULATOR = "omb's accumulator (neither client has linger or batch size)";

const producer = section("producerConfig", [
  {
    key: "acks",
    type: { kind: "enum", values: ["all", "-1", "0", "1"], as: { all: -1, "-1": -1, "0": 0, "1": 1 } },
    how: options("send({ acks })`; all = -1", "send({ acks })`; all = -1"),
  },
  { key: "linger.ms", type: int(), how: both("emulated", `${ACCUMULATOR} holds a batch open up to this long before sending it`) },
  { key: "batch.size", type: int(), how: both("emulated", `${ACCUMULATOR} sends a batch once it holds this many bytes`) },
  {
    key: "max.in.flight.requests.per.connection",
    type: int(1),
    how: both("emulated", "omb's accumulator caps the requests in flight per producer"),
  },
  {
    key: "enable.idempotence",
    type: bool,
    how: {
      kafkajs: h("mapped", "kafkajs producer `idempotent`; on by default with acks=all as in Java; kafkajs then keeps one request in flight per broker (warned at run start)"),
      platformatic: h("mapped", "@platformatic/kafka producer `idempotent`; on by default with acks=all as in Java"),
    },
  },
  {
    key: "retries",
    type: int(),
    how: {
      kafkajs: h("mapped", "kafkajs `retry.retries`, capped at the retries that fit in delivery.timeout.ms (Java retries until that timeout)"),
      platformatic: h("mapped", "@platformatic/kafka `retries`, capped at the retries that fit in delivery.timeout.ms (Java retries until that timeout)"),
    },
  },
  {
    key: "compression.type",
    type: oneOf("none", "gzip", "snappy", "lz4", "zstd"),
    how: {
      kafkajs: h("mapped", "kafkajs `CompressionTypes`; snappy, lz4 and zstd need a codec the driver registers, and one it cannot provide is reported at run start"),
      platformatic: h("mapped", "@platformatic/kafka `compression`; gzip and zstd from node:zlib, snappy and lz4 from its WebAssembly codecs"),
    },
  },
  { key: "delivery.timeout.ms", type: int(), how: both("emulated", 'a message not acked within it fails with error type "timeout"') },
  { key: "request.timeout.ms", type: int(), how: options("send({ timeout })", "timeout` (the produce request's ack timeout)") },
  { key: "buffer.memory", type: long(), how: both("emulated", "omb's accumulator makes sends wait while more bytes than this are buffered") },
  { key: "max.request.size", type: int(1), how: both("emulated", "omb's accumulator splits batches to stay under it") },
  { key: "key.serializer", type: string, how: both("accepted", "omb always sends bytes") },
  { key: "value.serializer", type: string, how: both("accepted", "omb always sends bytes") },
  { key: "transactional.id", type: string, how: both("unsupported", "omb does not run transactional producers") },
  {
    key: "partitioner.class",
    type: string,
    how: both("unsupported", "Java classes cannot be loaded; omb places records as Java's default partitioner (murmur2 for keys, sticky without)"),
  },
  { key: "interceptor.classes", type: string, how: both("unsupported", "Java classes cannot be loaded") },
]);

const consumer = section("consumerConfig", [
  {
    key: "group.id",
    type: string,
    how: both("accepted", "overridden: omb uses one consumer group per subscription"),
    caution: () => "is overridden: omb uses one consumer group per subscription",
  },
  {
    key: "auto.offset.reset",
    type: oneOf("earliest", "latest", "none"),
    how: both("accepted", "benchmark consumers always read the run's fresh topics from the earliest offset; other values are warned"),
    caution: (value) =>
      value === "earliest" ? undefined : `${value} is not used: benchmark consumers always read the run's fresh topics from the earliest offset`,
  },
  {
    key: "enable.auto.commit",
    type: bool,
    how: both("emulated", "omb commits offsets itself, off the delivery path: true = every auto.commit.interval.ms; false/absent = after every batch without waiting, as Java OMB's consumer"),
  },
  { key: "auto.commit.interval.ms", type: int(), how: both("emulated", "interval of omb's own offset commits when enable.auto.commit=true") },
  { key: "session.timeout.ms", type: int(1), how: options("sessionTimeout", "sessionTimeout") },
  { key: "heartbeat.interval.ms", type: int(1), how: options("heartbeatInterval", "heartbeatInterval") },
  { key: "max.poll.interval.ms", type: int(1), how: options("rebalanceTimeout", "rebalanceTimeout") },
  { key: "fetch.min.bytes", type: int(), how: options("minBytes", "minBytes") },
  { key: "fetch.max.wait.ms", type: int(), how: options("maxWaitTimeInMs", "maxWaitTime") },
  { key: "fetch.max.bytes", type: int(), how: options("maxBytes", "maxBytes") },
  { key: "max.partition.fetch.bytes", type: int(), how: options("maxBytesPerPartition", "maxBytesPerPartition") },
  { key: "isolation.level", type: oneOf("read_uncommitted", "read_committed"), how: options("readUncommitted", "isolationLevel") },
  { key: "key.deserializer", type: string, how: both("accepted", "omb always reads bytes") },
  { key: "value.deserializer", type: string, how: both("accepted", "omb always reads bytes") },
  { key: "max.poll.records", type: int(1), how: both("emulated", "omb hands fetched records to its tracker in chunks of at most this many, each with its own receive time, as Java's poll() returns them") },
  {
    key: "partition.assignment.strategy",
    type: string,
    how: {
      kafkajs: h("unsupported", "Java assignors cannot be loaded; kafkajs' round-robin assignor is used"),
      platformatic: h("unsupported", "Java assignors cannot be loaded; @platformatic/kafka's round-robin assignor is used"),
    },
  },
  { key: "interceptor.classes", type: string, how: both("unsupported", "Java classes cannot be loaded") },
]);

const TOPIC = both("mapped", "sent with CreateTopics as a topic config entry");
const topic = section("topicConfig", [
  { key: "cleanup.policy", type: { kind: "list", values: ["delete", "compact"] }, how: TOPIC },
  { key: "compression.type", type: oneOf("uncompressed", "zstd", "lz4", "snappy", "gzip", "producer"), how: TOPIC },
  { key: "min.insync.replicas", type: int(1), how: TOPIC },
  { key: "retention.ms", type: long(-1), how: TOPIC },
  { key: "retention.bytes", type: long(-1), how: TOPIC },
  { key: "segment.bytes", type: int(14), how: TOPIC },
  { key: "segment.ms", type: long(1), how: TOPIC },
  { key: "max.message.bytes", type: int(), how: TOPIC },
  { key: "message.timestamp.type", type: oneOf("CreateTime", "LogAppendTime"), how: TOPIC },
  { key: "unclean.leader.election.enable", type: bool, how: TOPIC },
  { key: "flush.messages", type: long(1), how: TOPIC },
  { key: "flush.ms", type: long(), how: TOPIC },
  { key: "index.interval.bytes", type: int(), how: TOPIC },
  { key: "min.cleanable.dirty.ratio", type: { kind: "number", min: 0, max: 1 }, how: TOPIC },
  { key: "delete.retention.ms", type: long(), how: TOPIC },
  { key: "file.delete.delay.ms", type: long(), how: TOPIC },
  { key: "preallocate", type: bool, how: TOPIC },
  {
    key: "message.downconversion.enable",
    type: bool,
    how: both("mapped", "sent with CreateTopics as a topic config entry; Kafka 4.0 removed it, so a 4.x broker refuses it"),
    caution: () => "was removed in Kafka 4.0; a 4.x broker refuses to create the topics",
  },
  { key: "local.retention.ms", type: long(-2), how: TOPIC },
  { key: "local.retention.bytes", type: long(-2), how: TOPIC },
  { key: "remote.storage.enable", type: bool, how: TOPIC },
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
