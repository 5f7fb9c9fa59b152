// The @platformatic/kafka driver against the real broker (KAFKA_BOOTSTRAP, set by the test preload).
import { conformanceConfig, driverConformance } from "../driver.conformance";
import { createPlatformaticDriver } from "./index";

const config = conformanceConfig("platformatic", { "bootstrap.servers": process.env.KAFKA_BOOTSTRAP ?? "" });

driverConformance("platformatic", { factory: createPlatformaticDriver, config });
