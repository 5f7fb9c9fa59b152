// server.properties of the local single-node KRaft broker: one process is broker and
// controller, everything on one address (127.0.0.1 unless KAFKA_HOST says otherwise),
// internal topics sized for one node on a small box.

export interface ServerPropertiesOptions {
  host: string;
  port: number;
  controllerPort: number;
  dataDir: string;
  /** The secure profile: SASL_PLAINTEXT (PLAIN, SCRAM-SHA-512) and SSL listeners beside PLAINTEXT. */
  secure?: SecureListeners;
}

export interface SecureListeners {
  saslPort: number;
  sslPort: number;
  keystorePath: string;
  username: string;
  password: string;
}

export function renderServerProperties(o: ServerPropertiesOptions): string {
  const client = [`PLAINTEXT://${o.host}:${o.port}`];
  if (o.secure) client.push(`SASL_PLAINTEXT://${o.host}:${o.secure.saslPort}`, `SSL://${o.host}:${o.secure.sslPort}`);
  const props: Record<string, string | number> = {
    "process.roles": "broker,controller",
    "node.id": 1,
    // A static voter set: `kafka-storage format` needs no --standalone with it.
    "controller.quorum.voters": `1@${o.host}:${o.controllerPort}`,
    listeners: [...client, `CONTROLLER://${o.host}:${o.controllerPort}`].join(","),
    "advertised.listeners": client.join(","),
    "controller.listener.names": "CONTROLLER",
    "listener.security.protocol.map": "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,SSL:SSL",
    "inter.broker.listener.name": "PLAINTEXT",
    ...(o.secure ? secureProps(o.secure) : {}),
    "log.dirs": o.dataDir,

    // One node: every internal topic with replication 1, and few partitions so they are
    // created in a blink the first time a group, transaction or share group needs them.
    "offsets.topic.replication.factor": 1,
    "offsets.topic.num.partitions": 4,
    "transaction.state.log.replication.factor": 1,
    "transaction.state.log.min.isr": 1,
    "transaction.state.log.num.partitions": 4,
    "share.coordinator.state.topic.replication.factor": 1,
    "share.coordinator.state.topic.min.isr": 1,
    "share.coordinator.state.topic.num.partitions": 4,
    "default.replication.factor": 1,
    "min.insync.replicas": 1,
    "num.partitions": 1,

    // Consumers join at once instead of waiting 3 s for more members.
    "group.initial.rebalance.delay.ms": 0,
    // The cleaner's default 128 MiB buffer would take a quarter of the 512 MiB heap.
    "log.cleaner.dedupe.buffer.size": 2097152,
    "num.recovery.threads.per.data.dir": 1,
  };
  const lines = Object.entries(props).map(([k, v]) => `${k}=${v}`);
  return `# Written by scripts/kafka (omb's local test broker); remade by every \`kafka:up\`.\n${lines.join("\n")}\n`;
}

function secureProps(s: SecureListeners): Record<string, string> {
  return {
    "sasl.enabled.mechanisms": "PLAIN,SCRAM-SHA-512",
    "listener.name.sasl_plaintext.plain.sasl.jaas.config":
      `org.apache.kafka.common.security.plain.PlainLoginModule required user_${s.username}="${s.password}";`,
    // SCRAM credentials live in the cluster metadata (kafka-storage format --add-scram).
    "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config": "org.apache.kafka.common.security.scram.ScramLoginModule required;",
    "listener.name.ssl.ssl.keystore.type": "PEM",
    "listener.name.ssl.ssl.keystore.location": s.keystorePath,
    "listener.name.ssl.ssl.client.auth": "none",
  };
}
