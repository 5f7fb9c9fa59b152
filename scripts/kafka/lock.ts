// One `up`/`down` at a time per cache: several test runs may start at once, and only one of
// them may format and start a broker. The lock file holds its owner's pid, so a lock left by
// a killed process is taken over instead of waited on.
import { mkdir, open, readFile, stat, unlink } from "node:fs/promises";
import { dirname } from "node:path";
import { pidAlive } from "./process";

const POLL_MS = 200;

export async function withLock<T>(path: string, waitMs: number, fn: () => Promise<T>): Promise<T> {
  await acquire(path, waitMs);
  try {
    return await fn();
  } finally {
    await unlink(path).catch(() => {});
  }
}

async function acquire(path: string, waitMs: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const fh = await open(path, "wx");
      await fh.writeFile(String(process.pid));
      await fh.close();
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const owner = Number((await readFile(path, "utf8").catch(() => "")).trim());
    // An empty file is an owner between open and write, unless it stays empty.
    const stale = owner > 0 ? !pidAlive(owner) : Date.now() - (await stat(path).catch(() => ({ mtimeMs: 0 }))).mtimeMs > 5000;
    if (stale) {
      await unlink(path).catch(() => {});
      continue;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Another kafka up/down (pid ${owner || "?"}) has held ${path} for over ${Math.round(waitMs / 1000)} s. ` +
          `Wait for it to finish, or remove the file if that process is gone.`,
      );
    }
    await Bun.sleep(POLL_MS);
  }
}
