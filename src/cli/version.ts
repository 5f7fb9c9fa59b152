import { defineCommand } from "citty";
import { buildInfo } from "../build-info";

export default defineCommand({
  meta: { name: "version", description: "Print omb's version, the Bun runtime it carries and the git commit it was built from" },
  args: { json: { type: "boolean", description: "Print as JSON" } },
  run({ args }) {
    if (args.json) {
      console.log(JSON.stringify(buildInfo));
      return;
    }
    const built = buildInfo.builtAt ? `, built ${buildInfo.builtAt}` : "";
    console.log(`omb ${buildInfo.version} (commit ${buildInfo.commit}${built})`);
    console.log(`bun ${buildInfo.bun}${buildInfo.compiled ? " (embedded)" : ""}`);
  },
});
