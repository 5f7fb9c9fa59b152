// The HTML report's script and styles, made at build time and embedded into
// whatever imports "omb:report-assets": the page script (page/main.ts bundled
// with uPlot from node_modules into one minified browser script), uPlot's CSS
// and the page's own CSS. The compiled binary carries them as strings, so a
// report is one file that needs nothing from the network or the disk.
import type { BunPlugin } from "bun";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface ReportAssets {
  script: string;
  css: string;
  /** uPlot's name, version and licence, for the page's source. */
  notice: string;
}

const here = import.meta.dir;

export async function buildReportAssets(): Promise<ReportAssets> {
  const built = await Bun.build({
    entrypoints: [join(here, "page", "main.ts")],
    target: "browser",
    format: "iife",
    minify: true,
  });
  if (!built.success) throw new Error(`report page script did not build:\n${built.logs.join("\n")}`);
  const uplot = (file: string) => readFileSync(Bun.resolveSync(`uplot/${file}`, here), "utf8");
  const { version, license } = JSON.parse(uplot("package.json")) as Record<string, string>;
  return {
    script: await built.outputs[0]!.text(),
    css: `${uplot("dist/uPlot.min.css")}\n${readFileSync(join(here, "page", "page.css"), "utf8")}`,
    notice: `Charts drawn with uPlot ${version} by Leon Sorokin (github.com/leeoniya/uPlot, ${license} licence).`,
  };
}

/**
 * `prebuilt` for `bun build --compile`, which cannot run a build inside its own;
 * without it (tests, `bun src/…`) the assets are built when first imported.
 */
export function reportAssetsPlugin(prebuilt?: ReportAssets): BunPlugin {
  return {
    name: "omb-report-assets",
    setup(build) {
      build.onResolve({ filter: /^omb:report-assets$/ }, () => ({ path: "report-assets", namespace: "omb" }));
      build.onLoad({ filter: /^report-assets$/, namespace: "omb" }, async () => ({
        contents: `export default ${JSON.stringify(prebuilt ?? (await buildReportAssets()))};`,
        loader: "js",
      }));
    },
  };
}
