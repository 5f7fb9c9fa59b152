// A backlog of omb-format messages (1 KiB, omb's header with producer id,
// sequence and send time), written by one driver producer as fast as it goes,
// for the benches that read a pre-filled topic.
import type { Driver } from "../../src/drivers/driver";
import { createKeyDistributor } from "../../src/message/key-distributor";
import { MessageFactory } from "../../src/message/message-factory";
import { PayloadPool } from "../../src/message/payload";
import { wallClockMicros } from "../../src/message/wall-clock";
import { MESSAGE_SIZE } from "./bench-env";

/** Writes `count` messages to `topic`; resolves with the seconds it took once all are acked. */
export async function writeOmbBacklog(driver: Driver, topic: string, count: number): Promise<number> {
  const producer = await driver.createProducer(topic);
  const payloads = new PayloadPool({ kind: "random", size: MESSAGE_SIZE, randomBytesRatio: 0.5, poolSize: 100 });
  const factory = new MessageFactory("bench-p0", payloads, createKeyDistributor("NO_KEY"));
  const started = performance.now();
  for (let sent = 0; sent < count; sent += 10_000) {
    const n = Math.min(10_000, count - sent);
    await Promise.all(Array.from({ length: n }, (_, i) => producer.send(factory.next(sent + i, wallClockMicros()))));
  }
  await producer.close();
  return (performance.now() - started) / 1000;
}
