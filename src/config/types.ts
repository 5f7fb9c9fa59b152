// The typed, normalized shapes every later step receives from config/. Loaders
// accept Java OMB's files (and the seeds' aliases) and produce exactly these.

/** Seeds' aliases are normalized: ROUND_ROBIN → KEY_ROUND_ROBIN, RANDOM → RANDOM_NANO. */
export type KeyDistributorType = "NO_KEY" | "KEY_ROUND_ROBIN" | "RANDOM_NANO" | "ZIP_LATENT";

export interface Workload {
  name: string;
  topics: number;
  partitionsPerTopic: number;
  messageSize: number;
  /** As written in the file; the bytes are in LoadedWorkload.payload. */
  payloadFile?: string;
  useRandomizedPayloads: boolean;
  randomBytesRatio: number;
  randomizedPayloadPoolSize: number;
  keyDistributor: KeyDistributorType;
  subscriptionsPerTopic: number;
  consumerPerSubscription: number;
  producersPerTopic: number;
  /** msg/s across all producers; <= 0 means max-rate discovery. */
  producerRate: number;
  consumerBacklogSizeGB: number;
  backlogDrainRatio: number;
  /** Minutes and seconds fields of the file, folded into seconds. */
  testDurationSeconds: number;
  warmupDurationSeconds: number;
  /** k6-style thresholds (config/thresholds.ts), an omb extension of the workload file. */
  thresholds?: string[];
}

export interface LoadedWorkload {
  workload: Workload;
  /** Contents of payloadFile (length === messageSize), when the workload names one. */
  payload?: Uint8Array;
  /** Path, or "embedded:<name>". */
  source: string;
}

/**
 * Property values after typing: ints and durations (ms) are numbers, flags are
 * booleans, `acks` is -1 | 0 | 1 ("all" → -1), `compression.type` is
 * none|gzip|snappy|lz4|zstd, `auto.offset.reset` is earliest|latest|none,
 * everything else a string. Keys keep Kafka's dotted names.
 */
export type PropertyValue = string | number | boolean;
export type Properties = Record<string, PropertyValue>;

/** The client libraries a driver can run on (src/drivers/<client>/). */
export const DRIVER_CLIENTS = ["kafkajs", "platformatic"] as const;

/** Which client library implements the driver: --client, else the file's `client:`, else from driverClass. */
export type DriverClient = (typeof DRIVER_CLIENTS)[number];

/** The client of a driver file that names none (every Java OMB file). */
export const DEFAULT_CLIENT: DriverClient = "kafkajs";

export interface DriverConfig {
  name: string;
  driverClass: string;
  client: DriverClient;
  replicationFactor: number;
  reset: boolean;
  topicConfig: Properties;
  /** Includes bootstrap.servers after ${ENV} interpolation and --bootstrap-servers. */
  commonConfig: Properties;
  producerConfig: Properties;
  consumerConfig: Properties;
}

export interface LoadedDriverConfig {
  driver: DriverConfig;
  source: string;
  /** Keys that omb does not map or emulate, each "section.key: reason"; printed at run start. */
  warnings: string[];
}

/** A workers file (Java OMB's --workers-file): worker base URLs, without trailing slash. */
export interface LoadedWorkers {
  workers: string[];
  source: string;
}
