// Secrets never leave the process in clear: every printed or stored driver
// config goes through redactDriverConfig.
import { isSecretKey } from "./kafka-properties";
import type { DriverConfig, Properties } from "./types";

export const REDACTED = "<redacted>";

/** A copy of the config with the values of secret keys (see isSecretKey) replaced by "<redacted>". */
export function redactDriverConfig<T extends DriverConfig>(config: T): T {
  return {
    ...config,
    topicConfig: redactProperties(config.topicConfig),
    commonConfig: redactProperties(config.commonConfig),
    producerConfig: redactProperties(config.producerConfig),
    consumerConfig: redactProperties(config.consumerConfig),
  };
}

export function redactProperties(properties: Properties): Properties {
  return Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, isSecretKey(k) ? REDACTED : v]));
}
