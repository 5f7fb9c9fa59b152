// What every client driver shares: topics go through one TopicAdmin, connected
// on first use (a driver made only for consumers opens no admin connection),
// and close() closes whatever the driver made and is still open.
import type { BenchmarkConsumer, BenchmarkProducer, ConsumerOptions, Driver, DriverError, TopicSpec } from "./driver";
import { OpenResources } from "./open-resources";
import type { TopicAdmin } from "./topic-admin";

export abstract class ClientDriver implements Driver {
  abstract readonly warnings: readonly string[];
  protected readonly open = new OpenResources();
  private admin: Promise<TopicAdmin> | undefined;

  async createTopics(topics: TopicSpec[]): Promise<void> {
    await (await this.topicAdmin()).createTopics(topics);
  }

  async deleteTopics(names: string[]): Promise<{ name: string; error: string }[]> {
    return (await this.topicAdmin()).deleteTopics(names);
  }

  async listTopics(prefix: string): Promise<string[]> {
    return (await this.topicAdmin()).listTopics(prefix);
  }

  abstract createProducer(topic: string): Promise<BenchmarkProducer>;
  abstract createConsumer(options: ConsumerOptions): Promise<BenchmarkConsumer>;

  async close(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    const failure = await this.open.closeAll(...(admin ? [admin.then((a) => a.close())] : []));
    if (failure !== undefined) throw this.toDriverError(failure);
  }

  protected topicAdmin(): Promise<TopicAdmin> {
    this.admin ??= this.connectAdmin().catch((error: unknown) => {
      this.admin = undefined;
      throw this.toDriverError(error);
    });
    return this.admin;
  }

  protected abstract connectAdmin(): Promise<TopicAdmin>;
  protected abstract toDriverError(error: unknown): DriverError;
}
