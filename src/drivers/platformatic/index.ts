// The @platformatic/kafka driver: one Admin for topics, one Producer per
// BenchmarkProducer and one Consumer per BenchmarkConsumer, each role with its
// own settings (commonConfig overlaid with its section, as in Java OMB).
import { Admin, Consumer, Producer } from "@platformatic/kafka";
import type { DriverConfig } from "../../config/types";
import { ClientDriver } from "../client-driver";
import type { BenchmarkConsumer, BenchmarkProducer, ConsumerOptions, Driver, DriverError } from "../driver";
import { TopicAdmin } from "../topic-admin";
import { platformaticAdminCalls } from "./admin-calls";
import { PlatformaticConsumer } from "./consumer";
import { toDriverError } from "./errors";
import { PlatformaticProducer } from "./producer";
import { type PlatformaticSettings, platformaticSettings } from "./settings";

export async function createPlatformaticDriver(config: DriverConfig): Promise<Driver> {
  return new PlatformaticDriver(platformaticSettings(config));
}

class PlatformaticDriver extends ClientDriver {
  readonly warnings: string[];

  constructor(private readonly settings: PlatformaticSettings) {
    super();
    this.warnings = settings.warnings;
  }

  async createProducer(topic: string): Promise<BenchmarkProducer> {
    const settings = this.settings.producer;
    // The accumulator places records itself, so it needs the partition count up front.
    const partitions = await (await this.topicAdmin()).partitionCount(topic);
    const producer = new Producer({
      ...settings.client,
      acks: settings.acks,
      idempotent: settings.idempotent,
      compression: settings.compression,
    });
    return this.open.track(new PlatformaticProducer(producer, topic, partitions, settings));
  }

  async createConsumer(options: ConsumerOptions): Promise<BenchmarkConsumer> {
    const settings = this.settings.consumer;
    const consumer = new Consumer({ ...settings.client, groupId: options.subscription, autocommit: false });
    return this.open.track(await PlatformaticConsumer.start(consumer, settings, options, settings.client.sasl?.mechanism));
  }

  protected async connectAdmin(): Promise<TopicAdmin> {
    const settings = this.settings.admin;
    return new TopicAdmin(platformaticAdminCalls(new Admin(settings), settings.sasl?.mechanism), {
      replicationFactor: this.settings.replicationFactor,
      configEntries: this.settings.topicConfigs,
      timeoutMs: settings.requestTimeout ?? 30_000,
    });
  }

  protected toDriverError(error: unknown): DriverError {
    return toDriverError(error, this.settings.admin.sasl?.mechanism);
  }
}
