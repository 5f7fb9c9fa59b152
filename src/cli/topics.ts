import { defineCommand } from "citty";
import { consola } from "consola";
import { ConfigError, loadDriverConfig } from "../config";
import { DRIVER_CLIENTS, type DriverClient } from "../config/types";
import { checkTopicPrefix, deleteTopicsUnder, listTopicsUnder } from "../coordinator/leftover-topics";
import { TOPIC_PREFIX } from "../coordinator/plan";
import { ExitCode } from "../exit-codes";

export default defineCommand({
  meta: {
    name: "topics",
    description: `List or delete topics omb left behind: only names under its prefix (${TOPIC_PREFIX}…), and deleting only with --yes`,
  },
  args: {
    action: { type: "positional", description: "list or delete", valueHint: "list|delete" },
    prefix: { type: "string", default: TOPIC_PREFIX, description: `Only topics whose name starts with this; must start with ${TOPIC_PREFIX}` },
    drivers: { type: "string", alias: ["d"], default: "throughput", description: "Driver config to connect with (its security settings): a file or an embedded name" },
    "bootstrap-servers": { type: "string", valueHint: "host:port", description: "Override the driver config's bootstrap.servers" },
    client: { type: "string", valueHint: DRIVER_CLIENTS.join("|"), description: "Client library to connect with" },
    yes: { type: "boolean", description: "Really delete (without it, delete only lists what it would delete)" },
  },
  async run({ args }) {
    const problems: string[] = [];
    if (args.action !== "list" && args.action !== "delete") problems.push(`expected list or delete, got ${args.action ? `"${args.action}"` : "nothing"}`);
    const prefixProblem = checkTopicPrefix(args.prefix);
    if (prefixProblem) problems.push(prefixProblem);
    if (args.client !== undefined && !DRIVER_CLIENTS.includes(args.client as DriverClient)) problems.push(`--client ${args.client}: expected one of ${DRIVER_CLIENTS.join(", ")}`);
    let driver;
    try {
      driver = loadDriverConfig(args.drivers, { bootstrapServers: args["bootstrap-servers"], client: args.client as DriverClient | undefined }).driver;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error.format());
    }
    if (problems.length || !driver) {
      for (const p of problems) consola.error(p);
      consola.info("see `omb topics --help`");
      process.exit(ExitCode.usage);
    }
    try {
      if (args.action === "list" || !args.yes) {
        const names = await listTopicsUnder(driver, args.prefix);
        for (const name of names) console.log(name);
        if (args.action === "delete") {
          consola.warn(`${names.length} topic${names.length === 1 ? "" : "s"} under ${args.prefix} would be deleted; add --yes to delete them`);
          process.exit(names.length ? ExitCode.usage : ExitCode.ok);
        }
        consola.info(`${names.length} topic${names.length === 1 ? "" : "s"} under ${args.prefix}`);
        return;
      }
      const { deleted, failed } = await deleteTopicsUnder(driver, args.prefix);
      for (const name of deleted) console.log(`deleted ${name}`);
      for (const f of failed) consola.error(`not deleted: ${f.name}: ${f.error}`);
      consola.info(`${deleted.length} deleted, ${failed.length} not`);
      if (failed.length) process.exit(ExitCode.runFailed);
    } catch (error) {
      consola.error(`cannot reach the cluster at ${driver.commonConfig["bootstrap.servers"]}: ${(error as Error).message}`);
      process.exit(ExitCode.runFailed);
    }
  },
});
