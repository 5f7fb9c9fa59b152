// Every client driver on the secure broker's SASL_PLAINTEXT (SCRAM-SHA-512) and SSL
// listeners: the whole conformance suite, unchanged, plus PLAIN and a wrong password.
import { describe, expect, test } from "bun:test";
import { secureKafka } from "../../test/support/secure-kafka";
import { DRIVER_CLIENTS } from "../config/types";
import { DriverError } from "./driver";
import { conformanceConfig, driverConformance } from "./driver.conformance";
import { createDriver } from "./index";

const listeners = await secureKafka();

const config = conformanceConfig;

for (const client of DRIVER_CLIENTS) {
  driverConformance(`${client}-sasl-scram`, { factory: createDriver, config: config(client, listeners.saslScram) });
  driverConformance(`${client}-ssl`, { factory: createDriver, config: config(client, listeners.ssl) });

  describe(`${client} on SASL_PLAINTEXT`, () => {
    test("PLAIN: topics, a produce and a consume", async () => {
      const driver = await createDriver(config(client, listeners.saslPlain));
      const topic = `omb-plain-${client}-${Date.now().toString(36)}`;
      try {
        await driver.createTopics([{ name: topic, partitions: 1 }]);
        let received = 0;
        const consumer = await driver.createConsumer({ topics: [topic], subscription: topic, onMessages: (m) => (received += m.length) });
        await consumer.ready;
        const producer = await driver.createProducer(topic);
        await Promise.all(Array.from({ length: 5 }, () => producer.send({ key: null, value: new Uint8Array(8), headers: {} })));
        const deadline = performance.now() + 20_000;
        while (received < 5 && performance.now() < deadline) await Bun.sleep(20);
        expect(received).toBe(5);
        await producer.close();
        await consumer.close();
      } finally {
        await driver.deleteTopics([topic]);
        await driver.close();
      }
    });

    test.each(["SCRAM-SHA-512", "PLAIN"])(
      "a wrong password with %s fails fast as an authentication error naming the mechanism, and never shows the password",
      async (mechanism) => {
        const props = mechanism === "PLAIN" ? listeners.saslPlain : listeners.saslScram;
        const wrong = "not-the-password-4f1a";
        const jaas = String(props["sasl.jaas.config"]).replace(listeners.password, wrong);
        const driver = await createDriver(config(client, { ...props, "sasl.jaas.config": jaas }));
        const started = performance.now();
        const error = await driver.listTopics("omb-").then(
          () => undefined,
          (e: unknown) => e,
        );
        const elapsed = performance.now() - started;
        await driver.close().catch(() => {});
        expect(error).toBeInstanceOf(DriverError);
        const e = error as DriverError;
        expect(e.type).toBe("auth");
        expect(e.message).toContain(mechanism);
        expect(e.message).not.toContain(wrong);
        expect(e.message).not.toContain(listeners.password);
        // No retry storm: the broker's refusal is final.
        expect(elapsed).toBeLessThan(2_000);
      },
    );
  });
}
