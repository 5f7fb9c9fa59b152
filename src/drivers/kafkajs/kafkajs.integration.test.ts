// The kafkajs driver against the real broker (test/support/kafka.ts).
import { expect, test } from "bun:test";
import { Kafka, logLevel } from "kafkajs";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { conformanceConfig, driverConformance } from "../driver.conformance";
import { createKafkajsDriver } from "./index";
import { KAFKA_BOOTSTRAP } from "../../../test/support/kafka";

const config = conformanceConfig("kafkajs", { "bootstrap.servers": KAFKA_BOOTSTRAP });

driverConformance("kafkajs", { factory: createKafkajsDriver, config });

test("kafkajs' TimeoutNegativeWarning is not printed; other warnings still are", async () => {
  // A fresh process without the test preload, which filters the warning on its own.
  const dir = mkdtempSync(join(tmpdir(), "omb-kafkajs-"));
  const script = join(dir, "produce.ts");
  writeFileSync(
    script,
    `import { createKafkajsDriver } from ${JSON.stringify(join(import.meta.dir, "index.ts"))};
const driver = await createKafkajsDriver(${JSON.stringify(config)});
process.emitWarning("still shown", "OmbProbeWarning");
const topic = "omb-warning-probe-" + Date.now();
await driver.createTopics([{ name: topic, partitions: 1 }]);
const producer = await driver.createProducer(topic);
for (let i = 0; i < 5; i++) await producer.send({ key: null, value: new Uint8Array(10), headers: {} });
await producer.close();
await driver.deleteTopics([topic]);
await driver.close();
`,
  );
  const child = Bun.spawn([process.execPath, script], { stdout: "pipe", stderr: "pipe", env: process.env });
  const timer = setTimeout(() => child.kill(), 30_000);
  const [stderr, exitCode] = await Promise.all([new Response(child.stderr).text(), child.exited]);
  clearTimeout(timer);
  expect(exitCode).toBe(0);
  expect(stderr).not.toContain("TimeoutNegativeWarning");
  expect(stderr).toContain("still shown");
});

test.each([
  ["after every batch, by default as Java OMB's consumer", {}, true],
  ["on the auto-commit timer, and at close", { "enable.auto.commit": true, "auto.commit.interval.ms": 60_000 }, false],
])("consumer offsets are committed %s", async (_, consumerConfig, beforeClose) => {
  const driver = await createKafkajsDriver({ ...config, consumerConfig });
  const topic = `omb-commit-probe-${Date.now()}`;
  const admin = new Kafka({ brokers: [config.commonConfig["bootstrap.servers"] as string], logLevel: logLevel.NOTHING }).admin();
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
});
