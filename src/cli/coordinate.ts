import { defineCommand } from "citty";
import { EXIT_CODE_TABLE } from "../exit-codes";
import { HttpWorker } from "../worker/client/http-worker";
import { launch, prepareSession, reportUsage } from "../coordinator/launch";
import { sessionArgs } from "../coordinator/options";
import { runSession } from "../coordinator/session";
import { resolveWorkerUrls } from "../coordinator/session-config";

export default defineCommand({
  meta: {
    name: "coordinate",
    description: "Run workloads over remote `omb worker`s; one result per workload × driver (Java OMB's flags: -d, -w, -wf, -x, -o)" + `\n\n${EXIT_CODE_TABLE}`,
  },
  args: sessionArgs("coordinate"),
  async run({ rawArgs }) {
    const prepared = prepareSession(rawArgs, "coordinate");
    if (typeof prepared === "number") process.exit(prepared);
    const { options, tests } = prepared;
    const urls = resolveWorkerUrls(options);
    if (!urls.ok) process.exit(reportUsage(urls.problems, "see `omb coordinate --help`"));
    const workers = urls.value.map((url) => new HttpWorker(url, { token: options.token }));
    const code = await launch((io) => runSession(tests, workers, options, { ...io, print: (t) => io.log.print(t) }));
    process.exit(code);
  },
});
