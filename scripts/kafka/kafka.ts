// The local Apache Kafka broker (single-node KRaft, jars from Maven Central) that tests and
// the quickstart use. `bun run kafka:up|down|status`, i.e. `bun scripts/kafka/kafka.ts <cmd>`:
//
//   up      Start one unless one is already up; either way print its address. Needs Java 17+,
//           and Maven once to download the jars. The LAST line of stdout is
//           `KAFKA_BOOTSTRAP=<host>:<port>`; progress goes to stderr. Exit 0, or 1 with the
//           reason (and the broker log's path and last lines when the broker itself failed).
//   down    Stop it (SIGTERM, SIGKILL after 30 s) and remove its run folder. Exit 0, also when
//           none was running.
//   status  Exit 0 and print address, pid and log when up; exit 3 and say so when down.
//
//   --secure  (with any command) the second, secure broker: PLAINTEXT as above, plus
//           SASL_PLAINTEXT (PLAIN and SCRAM-SHA-512, one user made at start) and SSL (a CA and
//           broker certificate made at start with openssl). `up` prints them to stderr; the user's
//           password is in the run folder's state.json (mode 600), never printed.
//
// Environment:
//   OMB_CACHE_DIR          cache root (default ~/.cache/omb): kafka-<version>/libs holds the jars,
//                          kafka-run/ the running broker's state, config, data and broker.log.
//   KAFKA_HOST             IPv4 address to listen on (default 127.0.0.1); only matters when `up`
//                          starts a broker.
//   KAFKA_PORT             client port (default: a free one); KAFKA_CONTROLLER_PORT likewise.
//                          Both only matter when `up` starts a broker.
//   KAFKA_HEAP_OPTS        JVM heap flags (default "-Xms512m -Xmx512m").
//   JAVA_HOME              which Java to use (default: `java` on PATH).
//
// Importable: ensureKafka() (what the test preload uses), kafkaStatus(), stopKafka().
import { ensureBroker, kafkaStatus, stopKafka } from "./broker";
import type { Profile } from "./layout";
import { silenceTimeoutNegativeWarning } from "./quiet-warnings";

export { ensureBroker, ensureKafka, kafkaStatus, stopKafka } from "./broker";
export type { BrokerState, KafkaOptions, KafkaStatus } from "./broker";

const EXIT_DOWN = 3;
const USAGE = "usage: bun scripts/kafka/kafka.ts up|down|status [--secure]";

async function main(command: string | undefined, profile: Profile): Promise<number> {
  switch (command) {
    case "up": {
      const before = await kafkaStatus(profile);
      if (before.up) console.error(`already up (pid ${before.state.pid}, log ${before.state.logPath})`);
      const state = before.up ? before.state : await ensureBroker({ profile });
      if (state.secure) {
        const s = state.secure;
        console.error(`SASL_PLAINTEXT ${s.saslBootstrap} (PLAIN, SCRAM-SHA-512; user ${s.username}), SSL ${s.sslBootstrap} (CA ${s.caPath})`);
      }
      console.log(`KAFKA_BOOTSTRAP=${state.bootstrap}`);
      return 0;
    }
    case "down": {
      const stopped = await stopKafka({ profile });
      console.log(stopped ? `stopped the broker on ${stopped.bootstrap} (pid ${stopped.pid})` : "no broker was running");
      return 0;
    }
    case "status": {
      const status = await kafkaStatus(profile);
      if (status.up) {
        const s = status.state;
        console.log(`up: KAFKA_BOOTSTRAP=${s.bootstrap} pid ${s.pid} since ${s.startedAt}, log ${s.logPath}`);
        return 0;
      }
      const last = status.last;
      console.log(last ? `down (broker pid ${last.pid} is gone or does not answer; its log: ${last.logPath})` : "down");
      return EXIT_DOWN;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

if (import.meta.main) {
  silenceTimeoutNegativeWarning();
  const flags = process.argv.slice(3);
  const unknown = flags.filter((f) => f !== "--secure");
  const code = unknown.length
    ? (console.error(`unknown option ${unknown[0]}\n${USAGE}`), 2)
    : await main(process.argv[2], flags.includes("--secure") ? "secure" : "plain").catch((e: Error) => {
    console.error(e.message);
    return 1;
  });
  // kafkajs can leave timers behind; the command is done.
  process.exit(code);
}
