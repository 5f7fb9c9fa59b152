// kafkajs' own logs: errors only, one line each on stderr through consola,
// without the per-response lines of the Connection logger (every error
// response, most of them retried; what finally fails reaches the caller as a
// DriverError, and retries are logged by the Producer/Consumer loggers), nor a
// refused login (the auth DriverError names it). And
// the TimeoutNegativeWarning that kafkajs 2.2.4 causes after every response
// (it arms setTimeout with a negative delay) is dropped: Bun prints warnings
// from its default "warning" listener, so that listener is replaced by one that
// forwards every other warning to it.
import { consola } from "consola";
import { type logCreator, logLevel } from "kafkajs";

const log = consola.withTag("kafkajs");

export const kafkajsLogLevel = logLevel.ERROR;

const CONNECTION_NOISE = /Connection error|Connection timeout|Failed to connect to seed broker|ECONNREFUSED|ECONNRESET|Closed connection/;

export const kafkajsLogCreator: logCreator =
  () =>
  ({ namespace, level, log: entry }) => {
    const { message, timestamp: _t, logger: _l, stack: _s, ...fields } = entry as Record<string, unknown>;
    if (namespace === "Connection" && String(message).startsWith("Response ")) return;
    // A refused login reaches the caller as an auth DriverError; kafkajs would log it twice more.
    if (/authentication failed/i.test(String(message))) return;
    const details = Object.entries(fields)
      .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
      .join(" ");
    const line = `[${namespace}] ${String(message)}${details ? ` ${details}` : ""}`.replace(/\s*\n\s*/g, " ");
    // Connection retries are folded into the error that finally reaches the caller (a
    // run that never started says so in one line; a send fails with its type).
    if (CONNECTION_NOISE.test(line)) log.debug(line);
    else if (level === logLevel.ERROR || level === logLevel.NOTHING) log.error(line);
    else if (level === logLevel.WARN) log.warn(line);
    else log.info(line);
  };

let filtered = false;

export function filterTimeoutNegativeWarning(): void {
  if (filtered) return;
  filtered = true;
  const previous = process.listeners("warning");
  process.removeAllListeners("warning");
  process.on("warning", (warning) => {
    if (warning.name === "TimeoutNegativeWarning") return;
    for (const listener of previous) listener(warning);
  });
}
