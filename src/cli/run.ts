import { defineCommand } from "citty";
import { EXIT_CODE_TABLE } from "../exit-codes";
import { launch, prepareSession } from "../coordinator/launch";
import { runOnLocalWorkers } from "../coordinator/local-session";
import { sessionArgs } from "../coordinator/options";

export default defineCommand({
  meta: {
    name: "run",
    description: "Run workloads on this host: starts local workers (--local-workers N), coordinates them, stops them" + `\n\n${EXIT_CODE_TABLE}`,
  },
  args: sessionArgs("run"),
  async run({ rawArgs }) {
    const prepared = await prepareSession(rawArgs, "run");
    if (typeof prepared === "number") process.exit(prepared);
    const { options, tests } = prepared;
    process.exit(await launch((io) => runOnLocalWorkers(tests, options, io)));
  },
});
