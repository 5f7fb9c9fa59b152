// Where the local broker keeps its things: the jars (kept across runs) and the run folder
// (pid, ports, config, data, log — made fresh by every `up`, removed by `down`).
// Root: $OMB_CACHE_DIR, else ~/.cache/omb. Nothing of it lives in the repo. The secure
// profile (`up --secure`: SASL and TLS listeners too) is a second broker with its own run
// folder and lock beside the plain one's, sharing the jars; neither touches the other.
import { homedir } from "node:os";
import { join } from "node:path";

export const KAFKA_SCRIPTS_DIR = import.meta.dir;
export const POM_PATH = join(KAFKA_SCRIPTS_DIR, "pom.xml");
export const LOG4J_CONFIG_PATH = join(KAFKA_SCRIPTS_DIR, "log4j2.properties");

export interface Layout {
  kafkaVersion: string;
  /** Resolved jars; complete only when `libsMarker` is present and matches the pom. */
  libs: string;
  libsMarker: string;
  runDir: string;
  statePath: string;
  lockPath: string;
  serverProperties: string;
  dataDir: string;
  logPath: string;
}

export type Profile = "plain" | "secure";

/** The cache root: $OMB_CACHE_DIR, else ~/.cache/omb. */
export function cacheRoot(): string {
  return process.env.OMB_CACHE_DIR || join(homedir(), ".cache", "omb");
}

/** `cache` defaults to cacheRoot(); another one is another broker (scripts/hosts starts its own). */
export async function layout(profile: Profile = "plain", cache = cacheRoot()): Promise<Layout> {
  const kafkaVersion = await kafkaVersionFromPom();
  const libs = join(cache, `kafka-${kafkaVersion}`, "libs");
  const runDir = join(cache, profile === "secure" ? "kafka-secure-run" : "kafka-run");
  return {
    kafkaVersion,
    libs,
    libsMarker: join(libs, ".complete"),
    runDir,
    statePath: join(runDir, "state.json"),
    // Beside the run folder, not in it: `up` wipes the run folder while holding the lock.
    lockPath: `${runDir}.lock`,
    serverProperties: join(runDir, "server.properties"),
    dataDir: join(runDir, "data"),
    logPath: join(runDir, "broker.log"),
  };
}

/** The pom is the one place that names the Kafka version. */
async function kafkaVersionFromPom(): Promise<string> {
  const pom = await Bun.file(POM_PATH).text();
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
  if (!version) throw new Error(`${POM_PATH}: no <kafka.version> property`);
  return version.trim();
}
