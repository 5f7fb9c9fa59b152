// What the rest of omb uses from config/: loaders that take a path or an
// embedded name and return the typed shapes of ./types, or throw ConfigError.
export { loadWorkload, WORKLOAD_LIMITS } from "./workload-file";
export { loadDriverConfig, DRIVER_CLASSES, type DriverLoadOptions } from "./driver-file";
export { loadWorkersFile, checkWorkerUrl } from "./workers-file";
export { redactDriverConfig, redactProperties, REDACTED } from "./redact";
export { listCatalogue, type CatalogueEntry } from "./catalogue";
export { ConfigError, formatProblem, type ConfigProblem } from "./errors";
export { isSecretKey, findProperty, KAFKA_PROPERTIES, type PropertySpec, type PropertySection, type PropertyStatus } from "./kafka-properties";
export { parseJaasConfig, type JaasConfig } from "./jaas";
export type * from "./types";
