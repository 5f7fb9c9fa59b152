// `omb run` on the secure broker's SASL_PLAINTEXT listener with each client: a clean run
// whose password appears in no line it prints and no file it writes, and a wrong password
// that ends the run at once with exit 1 and an authentication error naming the mechanism.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DRIVER_CLIENTS } from "../config/types";
import { secureKafka } from "../../test/support/secure-kafka";
import { readOnlyResult, startOmb, writeWorkload } from "../../test/support/cli";

const listeners = await secureKafka();
let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "omb-secured-run-"));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function driverFile(name: string, password: string): string {
  const common = { ...listeners.saslScram };
  common["sasl.jaas.config"] = String(common["sasl.jaas.config"]).replace(listeners.password, password);
  const lines = Object.entries(common).map(([k, v]) => `  ${k}=${v}`);
  const path = join(dir, `${name}.yaml`);
  writeFileSync(path, `name: ${name}\ndriverClass: io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver\ncommonConfig: |\n${lines.join("\n")}\n`);
  return path;
}

const workload = () =>
  writeWorkload(dir, "secured", {
    topics: 1, partitionsPerTopic: 2, messageSize: 256, producersPerTopic: 1, subscriptionsPerTopic: 1, consumerPerSubscription: 1,
    producerRate: 500, testDurationSeconds: 3, warmupDurationSeconds: 1,
  });

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), "utf8"));
}

describe.each(DRIVER_CLIENTS)("omb run --client %s on SASL_PLAINTEXT (SCRAM-SHA-512)", (client) => {
  test("reconciles, and the password is in no output line and no result file", async () => {
    const out = join(dir, `ok-${client}`);
    // This run tests the secured listener, not the rate a short run holds on a busy host: a loose rate tolerance.
    const omb = startOmb(["run", "--client", client, "-d", driverFile(`sasl-${client}`, listeners.password), "--rate-tolerance", "25%", "-o", out, workload()]);
    const code = await omb.exited;
    expect({ code, log: code === 0 ? "" : omb.lines.join("\n") }).toEqual({ code: 0, log: "" });
    const r = readOnlyResult(out);
    expect(r.omb.status).toBe("ok");
    expect(r.omb.driverConfig.client).toBe(client);
    for (const s of r.omb.reconciliation.subscriptions) expect({ lost: s.lost, consumed: s.consumed }).toEqual({ lost: 0, consumed: s.acked });
    expect(omb.lines.join("\n")).not.toContain(listeners.password);
    for (const text of filesUnder(out)) expect(text).not.toContain(listeners.password);
  }, 90_000);

  test("a wrong password: exit 1 at once, an authentication error naming SCRAM-SHA-512, no retry storm, no password shown", async () => {
    const wrong = `wrong-${Math.random().toString(36).slice(2)}`;
    const out = join(dir, `wrong-${client}`);
    const started = performance.now();
    const omb = startOmb(["run", "--client", client, "-d", driverFile(`wrong-${client}`, wrong), "-o", out, workload()]);
    const code = await omb.exited;
    const log = omb.lines.join("\n");
    expect({ code, seconds: Math.round((performance.now() - started) / 1000) < 30 }).toEqual({ code: 1, seconds: true });
    expect(log).toMatch(/SASL SCRAM-SHA-512 authentication failed/);
    expect(omb.lines.filter((l) => /authentication failed/i.test(l)).length).toBeLessThan(5);
    expect(log).not.toContain(wrong);
    expect(log).not.toContain(listeners.password);
  }, 90_000);
});
