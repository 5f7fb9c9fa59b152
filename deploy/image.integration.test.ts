// What deploy/Containerfile's image holds is enough: dist/omb, the C library it
// links (what distroless's base-nossl adds) and CA certificates, as a read-only
// root entered as the image's nonroot user, with only what a container runtime
// mounts besides (/proc, /dev's basic devices, a /tmp). A worker started there
// runs a whole benchmark — its producer and consumer children included — for a
// coordinator outside. No registry is reached: the root is made from this host's
// files. Needs root (mount namespace, chroot); skipped elsewhere.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { streamLines } from "../src/stream-lines";
import { readOnlyResult, startOmb, writeWorkload } from "../test/support/cli";
import { KAFKA_BOOTSTRAP } from "../test/support/kafka";

const ROOT = join(import.meta.dir, "..");
const BINARY = join(ROOT, "dist", "omb");
/** Where the Containerfile puts the binary, and the user it runs as. */
const IN_IMAGE = /^COPY .* omb (\S+)$/m.exec(readFileSync(join(import.meta.dir, "Containerfile"), "utf8"))?.[1] ?? "";
const USER = /^USER (\d+:\d+)$/m.exec(readFileSync(join(import.meta.dir, "Containerfile"), "utf8"))?.[1] ?? "";
const CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

const unavailable =
  process.getuid?.() !== 0
    ? "needs root (a mount namespace and chroot)"
    : !Bun.which("unshare") || !Bun.which("chroot")
      ? "needs unshare and chroot (util-linux, coreutils)"
      : !existsSync(BINARY)
        ? "needs dist/omb (bun build.ts)"
        : undefined;
if (unavailable) console.warn(`image test skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)(unavailable ? `image (skipped: ${unavailable})` : "image", () => {
  let dir = "";
  let worker: ReturnType<typeof Bun.spawn> | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "omb-image-"));
  });
  afterAll(async () => {
    // The worker is its pid namespace's first process: its end ends every process in
    // there. (unshare --fork blocks SIGTERM, and the death signal of --kill-child does not
    // survive chroot's change of user.)
    if (worker) {
      for (const pid of readFileSync(`/proc/${worker.pid}/task/${worker.pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) {
        process.kill(Number(pid), "SIGKILL");
      }
      await worker.exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  test("a worker in a root holding only the binary, its C library and CA certificates runs a benchmark", async () => {
    expect(IN_IMAGE).toBe("/usr/local/bin/omb");
    expect(USER).toBe("65532:65532");
    const rootfs = join(dir, "rootfs");
    place(BINARY, join(rootfs, IN_IMAGE));
    for (const lib of linkedLibraries(BINARY)) place(lib, join(rootfs, lib));
    place(CA_BUNDLE, join(rootfs, CA_BUNDLE));
    writeFileSync(join(rootfs, "etc", "passwd"), "nonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n");
    for (const d of ["proc", "dev", "tmp"]) mkdirSync(join(rootfs, d), { recursive: true });

    // As a runtime would: the root read-only, /proc, a few devices, a writable /tmp.
    const devices = ["null", "zero", "random", "urandom"].map((d) => `touch ${rootfs}/dev/${d} && mount --bind /dev/${d} ${rootfs}/dev/${d}`).join(" && ");
    const script = [
      `mount --bind ${rootfs} ${rootfs}`,
      `mount -o remount,bind,ro ${rootfs}`,
      `mount -t proc proc ${rootfs}/proc`,
      `mount -t tmpfs tmpfs ${rootfs}/tmp`,
      `mount -t tmpfs tmpfs ${rootfs}/dev`,
      devices,
      `exec chroot --userspec=${USER} ${rootfs} ${IN_IMAGE} worker --host=127.0.0.1 --port=0 --id=image-0 --processes=1`,
    ].join(" && ");
    const proc = Bun.spawn(["unshare", "--mount", "--pid", "--fork", "--kill-child", "sh", "-c", script], { stdin: "ignore", stdout: "pipe", stderr: "pipe" });
    worker = proc;
    const output: string[] = [];
    const listening = Promise.withResolvers<string>();
    const pump = async (stream: ReadableStream<Uint8Array>) => {
      for await (const line of streamLines(stream)) {
        output.push(line);
        const url = / listening on (\S+)$/.exec(line)?.[1];
        if (url) listening.resolve(url);
      }
    };
    void pump(proc.stdout);
    void pump(proc.stderr);
    const url = await Promise.race([
      listening.promise,
      proc.exited.then((code) => `exited with ${code}`),
      Bun.sleep(30_000).then(() => "not listening after 30 s"),
    ]);
    expect(url, output.join("\n")).toStartWith("http://127.0.0.1:");

    const out = join(dir, "results");
    const workload = writeWorkload(dir, "image", {
      topics: 1, partitionsPerTopic: 2, messageSize: 256, producersPerTopic: 1, subscriptionsPerTopic: 1, consumerPerSubscription: 1,
      producerRate: 300, testDurationSeconds: 5, warmupDurationSeconds: 0,
    });
    const coordinator = startOmb(["coordinate", "-w", url, "-d", "throughput", "--bootstrap-servers", KAFKA_BOOTSTRAP, "--stats-interval", "2s", "--format", "json", "-o", out, workload]);
    const code = await coordinator.exited;
    expect({ code, log: code === 0 ? "" : [...coordinator.lines, ...output].join("\n") }).toEqual({ code: 0, log: "" });
    const result = readOnlyResult(out);
    expect(result.omb.status).toBe("ok");
    expect(result.omb.workers[0]!.messagesReceived).toBeGreaterThan(1000);
  }, 120_000);
});

/** The shared libraries the binary loads, by path (ldd's view; the loader included). */
function linkedLibraries(binary: string): string[] {
  const ldd = Bun.spawnSync(["ldd", binary], { stdout: "pipe", stderr: "pipe" }).stdout.toString();
  return [...ldd.matchAll(/(\/\S+\.so[.\d]*)/g)].map((m) => m[1]!);
}

function place(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}
