import { defineCommand } from "citty";
import { launch, prepareSession } from "../coordinator/launch";
import { runOnLocalWorkers } from "../coordinator/local-session";
import { sessionArgs } from "../coordinator/options";

export default defineCommand({
  meta: {
    name: "run",
    description: "Run workloads on this host: starts local workers (--local-workers N), coordinates them, stops them",
  },
  args: sessionArgs("run"),
  async run({ rawArgs }) {
    const prepared = await prepareSession(rawArgs, "run");
    if (typeof prepared === "number") process.exit(prepared);
    const { options, tests } = prepared;
    process.exit(await launch((io) => runOnLocalWorkers(tests, options, io)));
  },
});
