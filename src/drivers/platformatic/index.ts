// The @platformatic/kafka driver: one Admin for topics, one Producer per
// BenchmarkProducer and one Consumer per BenchmarkConsumer, each role with its
// own settings (commonConfig overlaid with its section, as in Java OMB).
import { Admin, Consumer, Producer } from "@platformatic/kafka";
import type { DriverConfig } from "../../config/types";
import type { BenchmarkConsumer, BenchmarkProducer, ConsumerOptions, Driver, TopicSpec } from "../driver";
import { OpenResources } from "../open-resources";
import { TopicAdmin } from "../topic-admin";
import { platformaticAdminCalls } from "./admin-calls";
import { PlatformaticConsumer } from "./consumer";
import { toDriverError } from "./errors";
import { PlatformaticProducer } from "./producer";
import { type PlatformaticSettings, platformaticSettings } from "./settings";

export async function createPlatformaticDriver(config: DriverConfig): Promise<Driver> {
  return new PlatformaticDriver(platformaticSettings(config));
}

class PlatformaticDriver implements Driver {
  readonly warnings: string[];
  private admin: Promise<TopicAdmin> | undefined;
  private readonly open = new OpenResources();

  constructor(private readonly settings: PlatformaticSettings) {
    this.warnings = settings.warnings;
  }

  async createTopics(topics: TopicSpec[]): Promise<void> {
    await (await this.topicAdmin()).createTopics(topics);
  }

  async deleteTopics(names: string[]): Promise<{ name: string; error: string }[]> {
    return (await this.topicAdmin()).deleteTopics(names);
  }

  async listTopics(prefix: string): Promise<string[]> {
    return (await this.topicAdmin()).listTopics(prefix);
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

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    const failure = await this.open.closeAll(...(admin ? [admin.then((a) => a.close())] : []));
    if (failure !== undefined) throw toDriverError(failure);
  }

  /** Made on first use, so a driver made only for consumers opens no admin connection. */
  private topicAdmin(): Promise<TopicAdmin> {
    this.admin ??= (async () => {
      const settings = this.settings.admin;
      const calls = platformaticAdminCalls(new Admin(settings), settings.sasl?.mechanism);
      return new TopicAdmin(calls, {
        replicationFactor: this.settings.replicationFactor,
        configEntries: this.settings.topicConfigs,
        timeoutMs: settings.requestTimeout ?? 30_000,
      });
    })();
    return this.admin;
  }
}
