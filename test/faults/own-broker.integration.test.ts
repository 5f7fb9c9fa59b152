// The own-broker helper itself: a broker apart from the shared one that a test
// may stop, start again with its data, pause and close.
import { afterAll, expect, test } from "bun:test";
import { Kafka, logLevel } from "kafkajs";
import { KAFKA_BOOTSTRAP } from "../support/kafka";
import { type OwnBroker, startOwnBroker } from "../support/own-broker";
import { portAnswers } from "../../scripts/kafka/process";

let broker: OwnBroker | undefined;
afterAll(() => broker?.close());

test("own broker: apart from the shared one; stop and start keep its topics and address; close ends it", async () => {
  broker = await startOwnBroker("selftest");
  expect(broker.bootstrap).not.toBe(KAFKA_BOOTSTRAP);
  const kafka = new Kafka({ clientId: "own-broker-test", brokers: [broker.bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: "kept", numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();

  const [host, port] = broker.bootstrap.split(":") as [string, string];
  const before = broker.pid();
  await broker.stop();
  expect(await portAnswers(Number(port), host)).toBe(false);
  await broker.start();
  expect(broker.pid()).not.toBe(before);
  const again = kafka.admin();
  await again.connect();
  expect(await again.listTopics()).toContain("kept");
  await again.disconnect();

  broker.pause();
  broker.resume();
  await broker.close();
  expect(await portAnswers(Number(port), host)).toBe(false);
}, 240_000);
