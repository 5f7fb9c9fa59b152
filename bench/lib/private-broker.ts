// A Kafka broker of the bench's own (scripts/kafka with a cache folder of its
// own, so its run folder, ports and data are never the shared broker's): for
// benches that put more clients on a broker than the shared one should carry
// while others' tests use it. stop() ends it; so does a later `down` with the
// same OMB_CACHE_DIR.
import { join } from "node:path";
import { cacheRoot } from "../../scripts/kafka/layout";

export interface PrivateBroker {
  bootstrap: string;
  pid: number;
  stop(): Promise<void>;
}

const KAFKA = join(import.meta.dir, "..", "..", "scripts", "kafka", "kafka.ts");

/** `name` picks the cache folder (~/.cache/omb/bench-<name>); `heap` the JVM heap, e.g. "1g". */
export async function startPrivateBroker(name: string, heap: string): Promise<PrivateBroker> {
  // Free ports of its own: a KAFKA_PORT meant for the shared broker must not be taken here.
  const { KAFKA_PORT: _port, KAFKA_CONTROLLER_PORT: _controller, ...inherited } = process.env;
  const env = { ...inherited, OMB_CACHE_DIR: join(cacheRoot(), `bench-${name}`), KAFKA_HEAP_OPTS: `-Xms${heap} -Xmx${heap}` };
  const kafka = async (command: string) => {
    const proc = Bun.spawn([process.execPath, KAFKA, command], { stdin: "ignore", stdout: "pipe", stderr: "pipe", env });
    const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
    if (code !== 0 && code !== 3) throw new Error(`bun scripts/kafka/kafka.ts ${command} (OMB_CACHE_DIR=${env.OMB_CACHE_DIR}) exited with ${code}:\n${(out + err).trim()}`);
    return out;
  };
  const stop = async () => void (await kafka("down"));
  const up = await kafka("up");
  const bootstrap = /KAFKA_BOOTSTRAP=(\S+)\s*$/.exec(up)?.[1];
  const pid = Number(/pid (\d+)/.exec(await kafka("status"))?.[1]);
  if (!bootstrap || !pid) {
    await stop();
    throw new Error(`the bench's broker printed no address or pid:\n${up}`);
  }
  return { bootstrap, pid, stop };
}
