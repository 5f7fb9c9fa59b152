import { defineCommand } from "citty";
import { listCatalogue } from "../config/catalogue";

export default defineCommand({
  meta: { name: "list", description: "List the workloads and driver configs embedded in this binary" },
  args: { json: { type: "boolean", description: "Print as JSON" } },
  run({ args }) {
    const entries = listCatalogue();
    if (args.json) {
      console.log(JSON.stringify(entries, null, 2));
      return;
    }
    const width = Math.max(...entries.map((e) => e.name.length)) + 2;
    for (const [kind, title] of [["workload", "Workloads"], ["driver", "Driver configs"]] as const) {
      console.log(`${title}:`);
      for (const e of entries.filter((x) => x.kind === kind)) console.log(`  ${e.name.padEnd(width)}${e.description}`);
    }
    console.log("\nUse a name wherever a file is expected, e.g. `omb run -d kafka-throughput quick-test`.");
  },
});
