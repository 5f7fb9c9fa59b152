// "Up" means a client can use the broker, not that the JVM runs or the port is open: an admin
// client creates a topic with a leader and finds a group coordinator (which makes the broker
// create __consumer_offsets, so the first consumer group of a test does not pay for it).
import { readFileSync } from "node:fs";
import { Kafka, logLevel } from "kafkajs";
import { portAnswers } from "./process";

const PROBE_TOPIC = "omb-readiness-probe";
const PROBE_GROUP = "omb-readiness-probe";
/** Kafka's last word before it stops on a bad config or unusable storage. */
const FATAL_LINE = "Exiting Kafka due to fatal exception";

export interface ReadinessWatch {
  bootstrap: string;
  host: string;
  port: number;
  logPath: string;
  timeoutMs: number;
  /** Why the broker process is gone (e.g. "exited with code 1"), or undefined while it runs. */
  exited: () => string | undefined;
}

export class BrokerStartError extends Error {
  constructor(reason: string, logPath: string) {
    super(`${reason}\nbroker log: ${logPath}\n${logTail(logPath, 25)}`);
    this.name = "BrokerStartError";
  }
}

export async function waitUntilReady(w: ReadinessWatch): Promise<void> {
  const deadline = Date.now() + w.timeoutMs;
  let last = "its port never opened";
  for (;;) {
    const gone = w.exited();
    if (gone) throw new BrokerStartError(`The Kafka broker ${gone} while starting.`, w.logPath);
    if ((await Bun.file(w.logPath).text().catch(() => "")).includes(FATAL_LINE)) {
      throw new BrokerStartError(`The Kafka broker stopped on a fatal error while starting.`, w.logPath);
    }
    const left = deadline - Date.now();
    if (left <= 0) {
      throw new BrokerStartError(`The Kafka broker was not ready after ${w.timeoutMs / 1000} s (${last}).`, w.logPath);
    }
    if (await portAnswers(w.port, w.host, 500)) {
      try {
        await withTimeout(probe(w.bootstrap), left, "the admin probe did not answer in time");
        return;
      } catch (e) {
        last = `last admin probe: ${(e as Error).message}`;
      }
    }
    await Bun.sleep(250);
  }
}

/** One round of admin calls that only a broker able to serve producers and groups passes. */
export async function probe(bootstrap: string): Promise<void> {
  const admin = new Kafka({
    clientId: "omb-kafka-readiness",
    brokers: [bootstrap],
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { retries: 3, initialRetryTime: 100, maxRetryTime: 1000 },
  }).admin();
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: PROBE_TOPIC, numPartitions: 1 }], waitForLeaders: true, timeout: 5000 });
    await admin.describeGroups([PROBE_GROUP]);
    await admin.deleteTopics({ topics: [PROBE_TOPIC], timeout: 5000 });
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** The last lines of the broker log, for error messages; never throws. */
export function logTail(logPath: string, lines: number): string {
  try {
    const text = readFileSync(logPath, "utf8");
    const tail = text.trimEnd().split("\n").slice(-lines);
    return `--- last ${tail.length} lines ---\n${tail.join("\n")}`;
  } catch {
    return "(the log file is missing)";
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: Timer | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
