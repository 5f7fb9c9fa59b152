// Chooses the driver for a DriverConfig's client. A client's library is loaded
// only when a run uses it; adding a client is one entry here, nothing in the
// worker or coordinator.
import type { DriverClient, DriverConfig } from "../config/types";
import type { Driver, DriverFactory } from "./driver";

const FACTORIES: Record<DriverClient, () => Promise<DriverFactory>> = {
  kafkajs: async () => (await import("./kafkajs/index")).createKafkajsDriver,
};

export async function createDriver(config: DriverConfig): Promise<Driver> {
  const factory = await FACTORIES[config.client]();
  return factory(config);
}
