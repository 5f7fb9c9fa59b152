// The @platformatic/kafka driver against the real broker (test/support/kafka.ts).
import type { DriverConfig } from "../../config/types";
import { driverConformance } from "../driver.conformance";
import { KAFKA_BOOTSTRAP } from "../../../test/support/kafka";
import { createPlatformaticDriver } from "./index";

const config: DriverConfig = {
  name: "conformance",
  driverClass: "io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver",
  client: "kafkajs",
  replicationFactor: 1,
  reset: false,
  topicConfig: {},
  commonConfig: { "bootstrap.servers": KAFKA_BOOTSTRAP },
  producerConfig: {},
  consumerConfig: {},
};

driverConformance("platformatic", { factory: createPlatformaticDriver, config });
