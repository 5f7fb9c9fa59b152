// The broker's jars, resolved by Maven from scripts/kafka/pom.xml into the cache once. Maven
// writes into a temporary folder that is renamed into place only when complete, so an
// interrupted download leaves no half-filled libs folder behind; the marker inside it holds
// the pom's hash, so editing the pom resolves again.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Layout } from "./layout";
import { POM_PATH } from "./layout";
import { requireMaven } from "./prereqs";

/** Returns the libs folder, downloading the jars first unless the cache already has them. */
export async function ensureJars(l: Layout, log: (msg: string) => void): Promise<string> {
  const pomHash = createHash("sha256").update(await Bun.file(POM_PATH).bytes()).digest("hex");
  if (await markerMatches(l.libsMarker, pomHash)) return l.libs;

  const mvn = requireMaven(l.libs, l.kafkaVersion);
  const tmp = `${l.libs}.tmp-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(dirname(l.libs), { recursive: true });
  log(`downloading the Apache Kafka ${l.kafkaVersion} jars with Maven into ${l.libs} (once; about 45 MB)`);
  const started = performance.now();
  const proc = Bun.spawn(
    [
      mvn, "-B", "-q", "-Dstyle.color=never", "-f", POM_PATH,
      "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies",
      "-DincludeScope=runtime", `-DoutputDirectory=${tmp}`,
    ],
    { stdout: "pipe", stderr: "pipe", stdin: "ignore" },
  );
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) {
    await rm(tmp, { recursive: true, force: true });
    const tail = (out + err).trim().split("\n").slice(-30).join("\n");
    throw new Error(`Maven could not resolve the Kafka jars (exit ${code}; pom: ${POM_PATH}):\n${tail}`);
  }
  const jars = (await readdir(tmp)).filter((f) => f.endsWith(".jar"));
  if (!jars.includes(`kafka_2.13-${l.kafkaVersion}.jar`)) {
    await rm(tmp, { recursive: true, force: true });
    throw new Error(`Maven finished but ${tmp} has no kafka_2.13-${l.kafkaVersion}.jar (${jars.length} jars)`);
  }
  await Bun.write(join(tmp, ".complete"), pomHash);
  await rm(l.libs, { recursive: true, force: true });
  await rename(tmp, l.libs);
  log(`${jars.length} jars ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return l.libs;
}

async function markerMatches(marker: string, pomHash: string): Promise<boolean> {
  return existsSync(marker) && (await Bun.file(marker).text()).trim() === pomHash;
}
