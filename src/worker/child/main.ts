// Entry of a worker child process (`omb worker-child`, started by the worker):
// serves the parent's IPC requests until the parent goes away, then closes its
// clients and exits, so no producer outlives its worker.
import { consola } from "consola";
import { ChildRuntime } from "./runtime";
import { serveParent } from "./ipc-server";

/** Closing clients must not keep an orphan alive. */
const CLOSE_ON_DISCONNECT_MS = 10_000;

export function runWorkerChild(index: number, workerId: string): void {
  const label = `worker ${workerId} child ${index}`;
  const runtime = new ChildRuntime(label);
  process.on("unhandledRejection", (reason) => consola.error(`${label}: unhandled rejection: ${String(reason)}`));
  serveParent({
    handlers: runtime.handlers,
    onDisconnect: () => Promise.race([runtime.close(), Bun.sleep(CLOSE_ON_DISCONNECT_MS)]),
  });
}
