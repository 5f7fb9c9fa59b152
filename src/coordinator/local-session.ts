// A session on this host alone: start local workers (children of this binary
// on loopback), run the session over them, stop them. `omb run` always does
// this; `omb coordinate` does it when given no workers, as Java OMB runs
// in-process then.
import { ExitCode } from "../exit-codes";
import { HttpWorker } from "../worker/client/http-worker";
import type { LaunchIO } from "./launch";
import { startLocalWorkers } from "./local-workers";
import type { SessionOptions } from "./options";
import type { TestSpec } from "./run-test";
import { runSession } from "./session";

export async function runOnLocalWorkers(tests: TestSpec[], options: SessionOptions, io: LaunchIO): Promise<ExitCode> {
  io.log.info(`starting ${options.localWorkers} local worker${options.localWorkers > 1 ? "s" : ""}`);
  let local: Awaited<ReturnType<typeof startLocalWorkers>>;
  try {
    local = await startLocalWorkers({
      count: options.localWorkers,
      token: options.token,
      onOutput: (i, line) => io.log.print(`[local-${i}] ${line}`),
    });
  } catch (error) {
    io.log.warn((error as Error).message);
    return ExitCode.runFailed;
  }
  try {
    const workers = local.urls.map((url) => new HttpWorker(url, { token: options.token }));
    return await runSession(tests, workers, options, { ...io, print: (t) => io.log.print(t) });
  } finally {
    await local.stop();
  }
}
