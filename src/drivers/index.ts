// Chooses the driver for a DriverConfig's client. A client's library is loaded
// only when a run uses it; adding a client is one entry here, nothing in the
// worker or coordinator.
import { DEFAULT_CLIENT, DRIVER_CLIENTS, type DriverClient, type DriverConfig } from "../config/types";
import type { Driver, DriverFactory } from "./driver";

const FACTORIES: Record<DriverClient, () => Promise<DriverFactory>> = {
  kafkajs: async () => (await import("./kafkajs/index")).createKafkajsDriver,
  platformatic: async () => (await import("./platformatic/index")).createPlatformaticDriver,
};

export async function createDriver(config: DriverConfig): Promise<Driver> {
  const factory = await FACTORIES[config.client]();
  return factory(config);
}

const LIBRARIES: Record<DriverClient, string> = {
  kafkajs: "kafkajs (npm kafkajs), with omb's own batching and produce-request encoder",
  platformatic: "@platformatic/kafka (npm @platformatic/kafka), with omb's own batching",
};

/** The clients a driver can run on, for `omb list`. */
export function describeClients(): { name: DriverClient; description: string }[] {
  return DRIVER_CLIENTS.map((name) => ({
    name,
    description: `${LIBRARIES[name]}${name === DEFAULT_CLIENT ? " — the default" : ""}`,
  }));
}
