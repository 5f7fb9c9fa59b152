// The kafkajs driver: one admin client for topics, one kafkajs producer per
// BenchmarkProducer and one consumer per BenchmarkConsumer, each role with
// its own settings (commonConfig overlaid with its section, as in Java OMB).
import { Kafka } from "kafkajs";
import type { DriverConfig } from "../../config/types";
import { ClientDriver } from "../client-driver";
import type { BenchmarkConsumer, BenchmarkProducer, ConsumerOptions, Driver } from "../driver";
import { DriverError } from "../driver";
import { TopicAdmin } from "../topic-admin";
import { kafkajsAdminCalls } from "./admin-calls";
import { codecAvailable } from "./codecs";
import { KafkajsConsumer } from "./consumer";
import { toDriverError } from "./errors";
import { filterTimeoutNegativeWarning, kafkajsLogCreator, kafkajsLogLevel } from "./logging";
import { KafkajsProducer } from "./producer";
import { type ClientSettings, type KafkajsSettings, kafkajsSettings, mechanismOf } from "./settings";

export async function createKafkajsDriver(config: DriverConfig): Promise<Driver> {
  filterTimeoutNegativeWarning();
  const settings = kafkajsSettings(config);
  if (!codecAvailable(settings.producer.compression)) {
    throw new DriverError(
      "config",
      `producerConfig.compression.type=${String(config.producerConfig["compression.type"] ?? config.commonConfig["compression.type"])} ` +
        "has no codec in this runtime; choose none, gzip, snappy or lz4",
    );
  }
  return new KafkajsDriver(settings);
}

class KafkajsDriver extends ClientDriver {
  readonly warnings: string[];

  constructor(private readonly settings: KafkajsSettings) {
    super();
    this.warnings = settings.warnings;
  }

  async createProducer(topic: string): Promise<BenchmarkProducer> {
    const settings = this.settings.producer;
    // The accumulator places records itself, so it needs the partition count up front.
    const partitions = await (await this.topicAdmin()).partitionCount(topic);
    // Every record carries the partition omb's accumulator chose; kafkajs's
    // default partitioner would still filter the partition list per message.
    const producer = kafka(settings.client).producer({ ...settings.producer, createPartitioner: placedPartitioner });
    try {
      await producer.connect();
    } catch (error) {
      throw toDriverError(error, mechanismOf(settings.client));
    }
    return this.open.track(new KafkajsProducer(producer, topic, partitions, settings));
  }

  async createConsumer(options: ConsumerOptions): Promise<BenchmarkConsumer> {
    const settings = this.settings.consumer;
    const consumer = kafka(settings.client).consumer({ ...settings.consumer, groupId: options.subscription });
    return this.open.track(await KafkajsConsumer.start(consumer, settings, options));
  }

  protected async connectAdmin(): Promise<TopicAdmin> {
    const settings = this.settings.admin;
    const client = kafka(settings).admin({ retry: settings.retry });
    await client.connect();
    const timeoutMs = settings.requestTimeout ?? 30_000;
    return new TopicAdmin(kafkajsAdminCalls(client, timeoutMs), {
      replicationFactor: this.settings.replicationFactor,
      configEntries: this.settings.topicConfigEntries,
      timeoutMs,
    });
  }

  protected toDriverError(error: unknown): DriverError {
    return toDriverError(error, mechanismOf(this.settings.admin));
  }
}

function kafka(settings: ClientSettings): Kafka {
  return new Kafka({ ...settings, logLevel: kafkajsLogLevel, logCreator: kafkajsLogCreator });
}

function placedPartitioner() {
  return ({ message }: { message: { partition?: number } }) => message.partition!;
}
