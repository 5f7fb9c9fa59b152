// What the Java client would make of a driver file's properties, before any
// client library is involved: typed reads with Java's defaults, the brokers,
// the SASL credentials from the JAAS line, PEM trust and key material, and the
// producer's batching and idempotence rules. Each client driver maps these to
// its own options; what cannot work at all is a DriverError of type "config".
import { readFileSync } from "node:fs";
import { idempotenceConflict } from "../config/idempotence";
import { parseJaasConfig } from "../config/jaas";
import { isSecretKey } from "../config/kafka-properties";
import type { Properties, PropertyValue } from "../config/types";
import type { AccumulatorOptions } from "./accumulator";
import { DriverError } from "./driver";

export type SaslMechanism = "PLAIN" | "SCRAM-SHA-256" | "SCRAM-SHA-512";

export interface SaslCredentials {
  mechanism: SaslMechanism;
  username: string;
  password: string;
}

/** PEM text for node:tls; absent fields leave Node's defaults (the system CAs, no client certificate). */
export interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
  passphrase?: string;
  /** ssl.endpoint.identification.algorithm: "" turns off the host name check. */
  checkHost: boolean;
}

export interface Security {
  tls?: TlsMaterial;
  sasl?: SaslCredentials;
}

export type BatchingSettings = Omit<AccumulatorOptions<unknown>, "partitions" | "sendRequest" | "random">;

/** Typed reads with Java's default when a key is absent; a mistyped value names its key. */
export class PropertyReader {
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
    const shown = isSecretKey(key) ? "a value" : JSON.stringify(value);
    return new DriverError("config", `${this.section}.${key} is ${shown}, expected ${expected}`);
  }
}

/** The reader a role sees: commonConfig with the role's own section on top, as in Java OMB. */
export function roleProperties(section: string, common: Properties, own: Properties = {}): PropertyReader {
  return new PropertyReader(section, { ...common, ...own });
}

export function bootstrapServers(props: PropertyReader): string[] {
  const brokers = props
    .string("bootstrap.servers", "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (brokers.length === 0) {
    throw new DriverError("config", "commonConfig.bootstrap.servers is empty: give host:port[,host:port…] of the brokers");
  }
  return brokers;
}

/** security.protocol and what it needs: TLS material for SSL/SASL_SSL, credentials for SASL_*. */
export function securityOf(props: PropertyReader, mechanisms: readonly SaslMechanism[], client: string): Security {
  const protocol = props.string("security.protocol", "PLAINTEXT");
  return {
    tls: protocol === "SSL" || protocol === "SASL_SSL" ? tlsMaterial(props) : undefined,
    sasl: protocol.startsWith("SASL_") ? saslCredentials(props, mechanisms, client) : undefined,
  };
}

function saslCredentials(props: PropertyReader, mechanisms: readonly SaslMechanism[], client: string): SaslCredentials {
  // GSSAPI is Java's default mechanism, and neither JavaScript client has Kerberos.
  const mechanism = props.string("sasl.mechanism", "GSSAPI");
  if (!(mechanisms as readonly string[]).includes(mechanism)) {
    throw new DriverError("config", `sasl.mechanism ${mechanism} is not available in ${client}: use ${mechanisms.join(", ")}`);
  }
  const where = `${props.section}.sasl.jaas.config`;
  const jaas = props.string("sasl.jaas.config", "");
  if (jaas === "") throw new DriverError("config", `${where} is missing: SASL needs username="…" password="…"`);
  const parsed = parseJaasConfig(jaas);
  if ("problem" in parsed) throw new DriverError("config", `${where} ${parsed.problem}`);
  const { username, password } = parsed.options;
  if (username === undefined || password === undefined) {
    throw new DriverError("config", `${where} needs both username="…" and password="…"`);
  }
  return { mechanism: mechanism as SaslMechanism, username, password };
}

/**
 * Java reads JKS and PKCS12 stores; JavaScript clients take PEM text. PEM
 * stores are read (by file or inline, as Kafka's ssl.*.type=PEM); a binary
 * store is refused with the command that converts it.
 */
function tlsMaterial(props: PropertyReader): TlsMaterial {
  const material: TlsMaterial = { checkHost: props.string("ssl.endpoint.identification.algorithm", "https") !== "" };
  const ca = props.string("ssl.truststore.certificates", "") || pemFile(props, "ssl.truststore.location", "ssl.truststore.type");
  if (ca) material.ca = ca;
  const chain = props.string("ssl.keystore.certificate.chain", "");
  const key = props.string("ssl.keystore.key", "");
  const store = chain || key ? "" : pemFile(props, "ssl.keystore.location", "ssl.keystore.type");
  if (chain || key || store) {
    material.cert = chain || store;
    material.key = key || store;
    const passphrase = props.string("ssl.key.password", "");
    if (passphrase) material.passphrase = passphrase;
  }
  return material;
}

function pemFile(props: PropertyReader, locationKey: string, typeKey: string): string {
  const location = props.string(locationKey, "");
  if (location === "") return "";
  const where = `${props.section}.${locationKey}`;
  let text: string;
  try {
    text = readFileSync(location, "latin1");
  } catch (error) {
    throw new DriverError("config", `${where}: cannot read ${location} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (!text.includes("-----BEGIN ")) {
    const type = props.string(typeKey, "JKS");
    throw new DriverError(
      "config",
      `${where}: ${location} is not PEM (${typeKey} ${type}); omb's clients read PEM only. Export it, e.g. ` +
        "`keytool -exportcert -rfc -alias <alias> -keystore <store> -file ca.pem` for a trust store, " +
        `then set ${typeKey}=PEM and ${locationKey} to the .pem file`,
    );
  }
  return text;
}

/** The producer's batching as Java's: linger, batch size, in-flight cap, memory, request size, delivery timeout. */
export function batchingSettings(props: PropertyReader): BatchingSettings {
  const lingerMs = props.int("linger.ms", 5);
  const requestTimeout = props.int("request.timeout.ms", 30_000);
  const deliveryTimeoutMs = props.int("delivery.timeout.ms", Math.max(120_000, lingerMs + requestTimeout));
  if (deliveryTimeoutMs < lingerMs + requestTimeout) {
    throw new DriverError(
      "config",
      `producerConfig.delivery.timeout.ms (${deliveryTimeoutMs}) must be at least linger.ms + request.timeout.ms ` +
        `(${lingerMs + requestTimeout}), as in Java`,
    );
  }
  return {
    lingerMs,
    batchSize: props.int("batch.size", 16_384),
    maxInFlight: props.int("max.in.flight.requests.per.connection", 5),
    bufferMemory: props.int("buffer.memory", 33_554_432),
    maxRequestSize: props.int("max.request.size", 1_048_576),
    deliveryTimeoutMs,
  };
}

/** Java's rule (see idempotence.ts); an explicit true that conflicts is a config error, as in Java. */
export function idempotenceOf(props: PropertyReader, acks: number, maxInFlight: number): boolean {
  const conflict = idempotenceConflict(acks, maxInFlight, props.int("retries", 2_147_483_647));
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

/** Java's retry.backoff.max.ms default: backoffs double from retry.backoff.ms up to this. */
export const MAX_BACKOFF_MS = 1000;

/** The retries whose backoffs fit in delivery.timeout.ms: Java retries until that timeout, JavaScript clients count. */
export function retriesWithin(props: PropertyReader, deliveryTimeoutMs: number, maxBackoffMs = MAX_BACKOFF_MS): number {
  let backoff = props.int("retry.backoff.ms", 100);
  let total = 0;
  let count = 0;
  while (total < deliveryTimeoutMs && count < 1000) {
    total += backoff;
    backoff = Math.min(backoff * 2, maxBackoffMs);
    count++;
  }
  return count;
}

/** Java OMB reads a missing enable.auto.commit as false and then commits after every poll: null. */
export function commitIntervalOf(props: PropertyReader): number | null {
  return props.bool("enable.auto.commit", false) ? props.int("auto.commit.interval.ms", 5_000) : null;
}
