// The kafkajs driver against the real broker (test/support/kafka.ts).
import { expect, test } from "bun:test";
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
