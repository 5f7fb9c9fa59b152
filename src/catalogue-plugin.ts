// Embeds workloads/ and configs/ into whatever imports "omb:catalogue": the
// compiled binary at build time, and `bun test` / `bun src/...` through the
// preload. The files stay plain YAML in the repo; the binary needs none beside it.
import type { BunPlugin } from "bun";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface CatalogueFile {
  kind: "workload" | "driver";
  name: string;
  file: string;
  text: string;
}

const root = join(import.meta.dir, "..");

export function readCatalogue(): CatalogueFile[] {
  const dirs = [
    ["workload", "workloads"],
    ["driver", "configs"],
  ] as const;
  return dirs.flatMap(([kind, dir]) =>
    readdirSync(join(root, dir))
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => ({
        kind,
        name: f.replace(/\.ya?ml$/, ""),
        file: `${dir}/${f}`,
        text: readFileSync(join(root, dir, f), "utf8"),
      })),
  );
}

export const cataloguePlugin: BunPlugin = {
  name: "omb-catalogue",
  setup(build) {
    build.onResolve({ filter: /^omb:catalogue$/ }, () => ({ path: "catalogue", namespace: "omb" }));
    build.onLoad({ filter: /^catalogue$/, namespace: "omb" }, () => ({
      contents: `export default ${JSON.stringify(readCatalogue())};`,
      loader: "js",
    }));
  },
};
