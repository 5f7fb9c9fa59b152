// The secure local broker (scripts/kafka `up --secure`: SASL_PLAINTEXT and SSL listeners
// beside PLAINTEXT) for the tests that need it: started on first use, once per test
// process, and found again by later runs. Only tests that import this pay for its JVM.
import { ensureBroker } from "../../scripts/kafka/broker";
import type { Properties } from "../../src/config/types";

export interface SecureListeners {
  /** commonConfig for each listener, as a user's driver file would write it. */
  saslScram: Properties;
  saslPlain: Properties;
  ssl: Properties;
  /** A secret a run must never print or store (the SASL user's password). */
  password: string;
}

let started: Promise<SecureListeners> | undefined;

export function secureKafka(): Promise<SecureListeners> {
  started ??= ensureBroker({ profile: "secure" }).then((state) => {
    const s = state.secure;
    if (!s) throw new Error(`the secure broker's state (${state.serverProperties}) has no secure listeners`);
    const jaas = (module: string, password = s.password) =>
      `org.apache.kafka.common.security.${module} required username="${s.username}" password="${password}";`;
    return {
      saslScram: {
        "bootstrap.servers": s.saslBootstrap,
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanism": "SCRAM-SHA-512",
        "sasl.jaas.config": jaas("scram.ScramLoginModule"),
      },
      saslPlain: {
        "bootstrap.servers": s.saslBootstrap,
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanism": "PLAIN",
        "sasl.jaas.config": jaas("plain.PlainLoginModule"),
      },
      ssl: {
        "bootstrap.servers": s.sslBootstrap,
        "security.protocol": "SSL",
        "ssl.truststore.type": "PEM",
        "ssl.truststore.location": s.caPath,
      },
      password: s.password,
    };
  });
  return started;
}
