// The @platformatic/kafka driver against the real broker (KAFKA_BOOTSTRAP, set by the test preload).
import type { DriverConfig } from "../../config/types";
import { driverConformance } from "../driver.conformance";
import { createPlatformaticDriver } from "./index";

const config: DriverConfig = {
  name: "conformance",
  driverClass: "io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver",
  client: "kafkajs",
  replicationFactor: 1,
  reset: false,
  topicConfig: {},
  commonConfig: { "bootstrap.servers": process.env.KAFKA_BOOTSTRAP ?? "" },
  producerConfig: {},
  consumerConfig: {},
};

driverConformance("platformatic", { factory: createPlatformaticDriver, config });
