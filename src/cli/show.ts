import { defineCommand } from "citty";
import { consola } from "consola";
import { embeddedText, listCatalogue } from "../config/catalogue";
import { closest } from "../config/suggest";
import { ExitCode } from "../exit-codes";

export default defineCommand({
  meta: { name: "show", description: "Print an embedded workload or driver config as YAML, to start your own from (see `omb list`)" },
  args: { name: { type: "positional", required: false, description: "Embedded workload or driver config name", valueHint: "NAME" } },
  run({ args }) {
    const name = args.name ?? "";
    if (!name) {
      consola.error("give the name of an embedded workload or driver config: omb show NAME (`omb list` shows them)");
      process.exit(ExitCode.usage);
    }
    const found = embeddedText(name);
    if (!found) {
      const near = closest(name, listCatalogue().map((e) => e.name));
      consola.error(`no embedded workload or driver config named "${name}"${near.length ? ` (did you mean ${near.join(" or ")}?)` : ""}; \`omb list\` shows them all`);
      process.exit(ExitCode.usage);
    }
    process.stdout.write(found.text.endsWith("\n") ? found.text : `${found.text}\n`);
  },
});
