// How each client driver commits consumer offsets, seen from outside by an observer
// (kafkajs' admin, a client of its own): after every batch without waiting, as Java
// OMB's consumer, or on the auto-commit timer; always at close.
import { expect, test } from "bun:test";
import { KAFKA_BOOTSTRAP, testKafka, uniqueName } from "../../test/support/kafka";
import { DRIVER_CLIENTS } from "../config/types";
import { conformanceConfig } from "./driver.conformance";
import { createDriver } from "./index";

const modes = [
  ["after every batch, by default as Java OMB's consumer", {}, true],
  ["on the auto-commit timer, and at close", { "enable.auto.commit": true, "auto.commit.interval.ms": 60_000 }, false],
] as const;

test.each(DRIVER_CLIENTS.flatMap((client) => modes.map(([what, consumerConfig, beforeClose]) => [client, what, consumerConfig, beforeClose] as const)))(
  "%s: consumer offsets are committed %s",
  async (client, _, consumerConfig, beforeClose) => {
    const config = conformanceConfig(client, { "bootstrap.servers": KAFKA_BOOTSTRAP });
    const driver = await createDriver({ ...config, consumerConfig });
    const topic = uniqueName(`commit-${client}`);
    const admin = testKafka("omb-commit-observer").admin();
    const committed = async () => {
      const [offsets] = await admin.fetchOffsets({ groupId: topic, topics: [topic] });
      return Object.fromEntries(offsets!.partitions.map((p) => [p.partition, p.offset]));
    };
    try {
      await admin.connect();
      await driver.createTopics([{ name: topic, partitions: 2 }]);
      let received = 0;
      const consumer = await driver.createConsumer({
        topics: [topic],
        subscription: topic,
        onMessages: (m) => (received += m.length),
      });
      await consumer.ready;
      const producer = await driver.createProducer(topic);
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => producer.send({ key: Buffer.from(`k${i}`), value: Buffer.from("v"), headers: {} })),
      );
      const ends = Object.fromEntries((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high]));
      const deadline = performance.now() + 20_000;
      while (received < 40 && performance.now() < deadline) await Bun.sleep(20);
      if (beforeClose) {
        while (JSON.stringify(await committed()) !== JSON.stringify(ends) && performance.now() < deadline) {
          await Bun.sleep(50);
        }
        expect(await committed()).toEqual(ends);
      } else {
        expect(await committed()).toEqual({ 0: "-1", 1: "-1" });
      }
      await consumer.close();
      expect(await committed()).toEqual(ends);
    } finally {
      await driver.deleteTopics([topic]);
      await driver.close();
      await admin.disconnect();
    }
  },
);
