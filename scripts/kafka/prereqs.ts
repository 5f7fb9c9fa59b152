// The two tools the local broker needs from the host: Java 17+ always, Maven only for the
// first download of the jars. Each check says what to install when it fails.
import { existsSync } from "node:fs";
import { join } from "node:path";

const MIN_JAVA = 17;

/** Path of a Java 17+ executable ($JAVA_HOME/bin/java, else `java` on PATH). */
export async function requireJava(): Promise<string> {
  const home = process.env.JAVA_HOME;
  const java = home ? join(home, "bin", "java") : Bun.which("java");
  const install =
    `Install a Java ${MIN_JAVA}+ runtime (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; ` +
    `macOS: brew install openjdk@17) or point JAVA_HOME at one, then run again.`;
  if (!java) throw new Error(`The local Kafka broker needs Java ${MIN_JAVA}+, and no \`java\` is on PATH. ${install}`);
  if (home && !existsSync(java)) throw new Error(`JAVA_HOME=${home} has no bin/java. ${install}`);

  const proc = Bun.spawnSync([java, "-version"], { stdout: "pipe", stderr: "pipe" });
  const text = proc.stderr.toString() + proc.stdout.toString();
  if (proc.exitCode !== 0) throw new Error(`\`${java} -version\` failed (exit ${proc.exitCode}): ${text.trim()}\n${install}`);
  const major = javaMajor(text);
  if (major === undefined) throw new Error(`Could not read the Java version from \`${java} -version\`: ${text.trim()}`);
  if (major < MIN_JAVA) {
    throw new Error(`The local Kafka broker needs Java ${MIN_JAVA}+, but ${java} is Java ${major}. ${install}`);
  }
  return java;
}

/** `java -version` prints e.g. `openjdk version "17.0.15"` or, before Java 9, `"1.8.0_392"`. */
export function javaMajor(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] ? Number(m[2]) : first;
}

export function requireMaven(libsDir: string, kafkaVersion: string): string {
  const mvn = Bun.which("mvn");
  if (!mvn) {
    throw new Error(
      `Maven is needed once, to download the Apache Kafka ${kafkaVersion} jars from Maven Central into ${libsDir}, ` +
        `and no \`mvn\` is on PATH. Install it (Debian/Ubuntu: apt-get install maven; macOS: brew install maven), ` +
        `then run again.`,
    );
  }
  return mvn;
}
