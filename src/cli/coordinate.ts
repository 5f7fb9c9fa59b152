import { defineCommand } from "citty";
import { EXIT_CODE_TABLE } from "../exit-codes";
import { HttpWorker } from "../worker/client/http-worker";
import { launch, prepareSession, reportUsage } from "../coordinator/launch";
import { runOnLocalWorkers } from "../coordinator/local-session";
import { sessionArgs } from "../coordinator/options";
import { runSession } from "../coordinator/session";
import { resolveWorkerUrls } from "../coordinator/session-config";

export default defineCommand({
  meta: {
    name: "coordinate",
    description: "Run workloads over remote `omb worker`s (none given: on this host, as `omb run`); one result per workload × driver (Java OMB's flags: -d, -w, -wf, -x, -o, -c)" + `\n\n${EXIT_CODE_TABLE}`,
  },
  args: sessionArgs("coordinate"),
  async run({ rawArgs }) {
    const prepared = await prepareSession(rawArgs, "coordinate");
    if (typeof prepared === "number") process.exit(prepared);
    const { options, tests } = prepared;
    const urls = resolveWorkerUrls(options);
    if (!urls.ok) process.exit(reportUsage(urls.problems, "see `omb coordinate --help`"));
    const code = await launch((io) => {
      if (urls.value.length === 0) {
        // Java OMB runs in-process when given no workers; so does omb, through a local worker.
        io.log.info("no workers given (-w, -wf, or ./workers.yaml): running on this host, as `omb run`");
        return runOnLocalWorkers(tests, options, io);
      }
      const workers = urls.value.map((url) => new HttpWorker(url, { token: options.token }));
      return runSession(tests, workers, options, { ...io, print: (t) => io.log.print(t) });
    });
    process.exit(code);
  },
});
