// The @platformatic/kafka driver against the real broker (test/support/kafka.ts).
import { conformanceConfig, driverConformance } from "../driver.conformance";
import { KAFKA_BOOTSTRAP } from "../../../test/support/kafka";
import { createPlatformaticDriver } from "./index";

const config = conformanceConfig("platformatic", { "bootstrap.servers": KAFKA_BOOTSTRAP });

driverConformance("platformatic", { factory: createPlatformaticDriver, config });
