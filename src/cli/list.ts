import { defineCommand } from "citty";
import { listCatalogue } from "../config/catalogue";
import { describeClients } from "../drivers/index";

export default defineCommand({
  meta: { name: "list", description: "List the workloads and driver configs embedded in this binary, and the client libraries drivers run on" },
  args: { json: { type: "boolean", description: "Print as JSON" } },
  run({ args }) {
    const entries = listCatalogue();
    const clients = describeClients();
    if (args.json) {
      console.log(JSON.stringify([...entries, ...clients.map((c) => ({ kind: "client", ...c }))], null, 2));
      return;
    }
    const width = Math.max(...entries.map((e) => e.name.length)) + 2;
    for (const [kind, title] of [["workload", "Workloads"], ["driver", "Driver configs"]] as const) {
      console.log(`${title}:`);
      for (const e of entries.filter((x) => x.kind === kind)) console.log(`  ${e.name.padEnd(width)}${e.description}`);
    }
    console.log("Clients (a driver file's `client:`, or --client on run/coordinate):");
    for (const c of clients) console.log(`  ${c.name.padEnd(width)}${c.description}`);
    console.log("\nUse a name wherever a file is expected, e.g. `omb run -d throughput quick-test`;");
    console.log("add `--client platformatic` to run any driver config on @platformatic/kafka;");
    console.log("`omb show NAME` prints one as YAML to start your own from.");
  },
});
