// bun run build → dist/omb: one executable carrying the runtime, the code and
// the embedded workloads/ and configs/.
import { $ } from "bun";
import { cataloguePlugin } from "./src/catalogue-plugin";
import { kafkajsPatches } from "./src/drivers/kafkajs/protocol/patches";
import { platformaticWasmPlugin } from "./src/drivers/platformatic/wasm-plugin";
import { buildReportAssets, reportAssetsPlugin } from "./src/report/html/assets-plugin";
import pkg from "./package.json" with { type: "json" };

const outfile = process.argv[2] ?? "dist/omb";
const commit = (await $`git rev-parse --short=12 HEAD`.nothrow().quiet().text()).trim() || "unknown";
const dirty = (await $`git status --porcelain`.nothrow().quiet().text()).trim() ? "-dirty" : "";

const result = await Bun.build({
  entrypoints: ["./src/cli/main.ts"],
  compile: { outfile, autoloadDotenv: false, autoloadBunfig: false },
  bytecode: true,
  format: "esm",
  minify: { whitespace: true, syntax: true, identifiers: true, keepNames: true },
  // The report assets are built first: a build cannot run inside a compile.
  plugins: [cataloguePlugin, kafkajsPatches, platformaticWasmPlugin, reportAssetsPlugin(await buildReportAssets())],
  define: {
    OMB_VERSION: JSON.stringify(pkg.version),
    OMB_COMMIT: JSON.stringify(commit + dirty),
    OMB_BUILT_AT: JSON.stringify(new Date().toISOString()),
  },
});
if (!result.success) {
  for (const log of result.logs) console.error(log);
  process.exit(1);
}
console.log(`built ${outfile} (${((await Bun.file(outfile).size) / 1048576).toFixed(1)} MiB, commit ${commit}${dirty})`);
