// Every config name Apache Kafka 4.1's producer, consumer, admin client and
// topics know: a key omb does not handle is "not supported by <client>" when
// Kafka has it, "unknown" only when Kafka does not. Generated from the
// kafka-clients and kafka-storage jars by scripts/kafka/ConfigNames.java:
//   java -cp "$OMB_CACHE_DIR/kafka-4.1.1/libs/*" scripts/kafka/ConfigNames.java
// and split here into the names all clients share and each one's own.
import type { PropertySection } from "./kafka-properties";

/** Known to the producer, the consumer and the admin client. */
const ALL_CLIENTS = [
  "bootstrap.servers", "client.dns.lookup", "client.id", "connections.max.idle.ms", "enable.metrics.push",
  "metadata.max.age.ms", "metadata.recovery.rebootstrap.trigger.ms", "metadata.recovery.strategy",
  "metric.reporters", "metrics.num.samples", "metrics.recording.level", "metrics.sample.window.ms",
  "receive.buffer.bytes", "reconnect.backoff.max.ms", "reconnect.backoff.ms", "request.timeout.ms",
  "retry.backoff.max.ms", "retry.backoff.ms", "sasl.client.callback.handler.class", "sasl.jaas.config",
  "sasl.kerberos.kinit.cmd", "sasl.kerberos.min.time.before.relogin", "sasl.kerberos.service.name",
  "sasl.kerberos.ticket.renew.jitter", "sasl.kerberos.ticket.renew.window.factor",
  "sasl.login.callback.handler.class", "sasl.login.class", "sasl.login.connect.timeout.ms",
  "sasl.login.read.timeout.ms", "sasl.login.refresh.buffer.seconds", "sasl.login.refresh.min.period.seconds",
  "sasl.login.refresh.window.factor", "sasl.login.refresh.window.jitter", "sasl.login.retry.backoff.max.ms",
  "sasl.login.retry.backoff.ms", "sasl.mechanism", "sasl.oauthbearer.assertion.algorithm",
  "sasl.oauthbearer.assertion.claim.aud", "sasl.oauthbearer.assertion.claim.exp.seconds",
  "sasl.oauthbearer.assertion.claim.iss", "sasl.oauthbearer.assertion.claim.jti.include",
  "sasl.oauthbearer.assertion.claim.nbf.seconds", "sasl.oauthbearer.assertion.claim.sub",
  "sasl.oauthbearer.assertion.file", "sasl.oauthbearer.assertion.private.key.file",
  "sasl.oauthbearer.assertion.private.key.passphrase", "sasl.oauthbearer.assertion.template.file",
  "sasl.oauthbearer.client.credentials.client.id", "sasl.oauthbearer.client.credentials.client.secret",
  "sasl.oauthbearer.clock.skew.seconds", "sasl.oauthbearer.expected.audience",
  "sasl.oauthbearer.expected.issuer", "sasl.oauthbearer.header.urlencode",
  "sasl.oauthbearer.jwks.endpoint.refresh.ms", "sasl.oauthbearer.jwks.endpoint.retry.backoff.max.ms",
  "sasl.oauthbearer.jwks.endpoint.retry.backoff.ms", "sasl.oauthbearer.jwks.endpoint.url",
  "sasl.oauthbearer.jwt.retriever.class", "sasl.oauthbearer.jwt.validator.class", "sasl.oauthbearer.scope",
  "sasl.oauthbearer.scope.claim.name", "sasl.oauthbearer.sub.claim.name",
  "sasl.oauthbearer.token.endpoint.url", "security.protocol", "security.providers", "send.buffer.bytes",
  "socket.connection.setup.timeout.max.ms", "socket.connection.setup.timeout.ms", "ssl.cipher.suites",
  "ssl.enabled.protocols", "ssl.endpoint.identification.algorithm", "ssl.engine.factory.class",
  "ssl.key.password", "ssl.keymanager.algorithm", "ssl.keystore.certificate.chain", "ssl.keystore.key",
  "ssl.keystore.location", "ssl.keystore.password", "ssl.keystore.type", "ssl.protocol", "ssl.provider",
  "ssl.secure.random.implementation", "ssl.trustmanager.algorithm", "ssl.truststore.certificates",
  "ssl.truststore.location", "ssl.truststore.password", "ssl.truststore.type",
];

/** Known to the producer and the consumer, not the admin client. */
const PRODUCER_AND_CONSUMER = [
  "interceptor.classes",
];

const PRODUCER_ONLY = [
  "acks", "batch.size", "buffer.memory", "compression.gzip.level", "compression.lz4.level",
  "compression.type", "compression.zstd.level", "delivery.timeout.ms", "enable.idempotence",
  "key.serializer", "linger.ms", "max.block.ms", "max.in.flight.requests.per.connection", "max.request.size",
  "metadata.max.idle.ms", "partitioner.adaptive.partitioning.enable", "partitioner.availability.timeout.ms",
  "partitioner.class", "partitioner.ignore.keys", "retries", "transaction.timeout.ms",
  "transaction.two.phase.commit.enable", "transactional.id", "value.serializer",
];

const CONSUMER_ONLY = [
  "allow.auto.create.topics", "auto.commit.interval.ms", "auto.offset.reset", "check.crcs", "client.rack",
  "default.api.timeout.ms", "enable.auto.commit", "exclude.internal.topics", "fetch.max.bytes",
  "fetch.max.wait.ms", "fetch.min.bytes", "group.id", "group.instance.id", "group.protocol",
  "group.remote.assignor", "heartbeat.interval.ms", "internal.leave.group.on.close",
  "internal.throw.on.fetch.stable.offset.unsupported", "isolation.level", "key.deserializer",
  "max.partition.fetch.bytes", "max.poll.interval.ms", "max.poll.records", "partition.assignment.strategy",
  "session.timeout.ms", "share.acknowledgement.mode", "value.deserializer",
];

const ADMIN_ONLY = [
  "bootstrap.controllers", "default.api.timeout.ms", "retries",
];

const TOPIC = [
  "cleanup.policy", "compression.gzip.level", "compression.lz4.level", "compression.type",
  "compression.zstd.level", "delete.retention.ms", "file.delete.delay.ms", "flush.messages", "flush.ms",
  "follower.replication.throttled.replicas", "index.interval.bytes", "internal.segment.bytes",
  "leader.replication.throttled.replicas", "local.retention.bytes", "local.retention.ms",
  "max.compaction.lag.ms", "max.message.bytes", "message.timestamp.after.max.ms",
  "message.timestamp.before.max.ms", "message.timestamp.type", "min.cleanable.dirty.ratio",
  "min.compaction.lag.ms", "min.insync.replicas", "preallocate", "remote.log.copy.disable",
  "remote.log.delete.on.disable", "remote.storage.enable", "retention.bytes", "retention.ms",
  "segment.bytes", "segment.index.bytes", "segment.jitter.ms", "segment.ms",
  "unclean.leader.election.enable",
];

const PRODUCER = [...ALL_CLIENTS, ...PRODUCER_AND_CONSUMER, ...PRODUCER_ONLY];
const CONSUMER = [...ALL_CLIENTS, ...PRODUCER_AND_CONSUMER, ...CONSUMER_ONLY];

/** commonConfig goes to producers, consumers and the admin client alike (as in Java OMB). */
const BY_SECTION: Record<PropertySection, ReadonlySet<string>> = {
  commonConfig: new Set([...PRODUCER, ...CONSUMER, ...ADMIN_ONLY]),
  producerConfig: new Set(PRODUCER),
  consumerConfig: new Set(CONSUMER),
  topicConfig: new Set(TOPIC),
};

/** Whether Apache Kafka knows `key` in this section. */
export function isKafkaConfig(section: PropertySection, key: string): boolean {
  return BY_SECTION[section].has(key);
}
