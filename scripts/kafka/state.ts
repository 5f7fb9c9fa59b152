// The run folder's state.json: which broker `up` started, so that a later `up`, `status`
// or `down` — in another process — finds it again.
import { rename } from "node:fs/promises";
import * as v from "valibot";
import type { Layout } from "./layout";

const BrokerStateSchema = v.object({
  pid: v.pipe(v.number(), v.integer(), v.minValue(1)),
  bootstrap: v.string(),
  /** The address it listens on (states written before KAFKA_HOST existed: loopback). */
  host: v.optional(v.string(), "127.0.0.1"),
  port: v.pipe(v.number(), v.integer()),
  controllerPort: v.pipe(v.number(), v.integer()),
  kafkaVersion: v.string(),
  serverProperties: v.string(),
  logPath: v.string(),
  startedAt: v.string(),
  /** False from spawn until the readiness probe passed: such a broker is not handed out. */
  ready: v.boolean(),
  /** The secure profile's listeners and its one SASL user (a local test credential, made at start). */
  secure: v.optional(
    v.object({
      saslBootstrap: v.string(),
      sslBootstrap: v.string(),
      caPath: v.string(),
      username: v.string(),
      password: v.string(),
    }),
  ),
});
export type BrokerState = v.InferOutput<typeof BrokerStateSchema>;

/** undefined when there is no state, or one this version cannot read (the next `up` remakes it). */
export async function readState(l: Layout): Promise<BrokerState | undefined> {
  const file = Bun.file(l.statePath);
  if (!(await file.exists())) return undefined;
  try {
    const parsed = v.safeParse(BrokerStateSchema, JSON.parse(await file.text()));
    return parsed.success ? parsed.output : undefined;
  } catch {
    return undefined;
  }
}

/** Written whole and renamed into place: readers without the lock never see half a file. */
export async function writeState(l: Layout, state: BrokerState): Promise<void> {
  const tmp = `${l.statePath}.tmp-${process.pid}`;
  // Mode 600: the secure profile's state holds its test user's password.
  await Bun.write(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, l.statePath);
}
