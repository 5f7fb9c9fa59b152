import { defineCommand } from "citty";
import { HttpWorker } from "../worker/client/http-worker";
import { EXIT_CODE_TABLE, ExitCode } from "../exit-codes";
import { launch, prepareSession } from "../coordinator/launch";
import { startLocalWorkers } from "../coordinator/local-workers";
import { sessionArgs } from "../coordinator/options";
import { runSession } from "../coordinator/session";

export default defineCommand({
  meta: {
    name: "run",
    description: "Run workloads on this host: starts local workers (--local-workers N), coordinates them, stops them" + `\n\n${EXIT_CODE_TABLE}`,
  },
  args: sessionArgs("run"),
  async run({ rawArgs }) {
    const prepared = prepareSession(rawArgs, "run");
    if (typeof prepared === "number") process.exit(prepared);
    const { options, tests } = prepared;
    const code = await launch(async (io) => {
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
    });
    process.exit(code);
  },
});
