// @platformatic/kafka's snappy, lz4 and CRC-32C come from @platformatic/wasm-utils,
// whose entry reads native.wasm from beside itself at load time: a compiled
// binary has no such file. Its dist/bundled.js carries the same module inline,
// so the build resolves the package to that file.
import type { BunPlugin } from "bun";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const platformaticWasmPlugin: BunPlugin = {
  name: "omb-platformatic-wasm",
  setup(build) {
    // Resolved from @platformatic/kafka, which depends on it, wherever npm put it.
    const fromKafka = createRequire(createRequire(import.meta.url).resolve("@platformatic/kafka"));
    const bundled = join(dirname(fromKafka.resolve("@platformatic/wasm-utils")), "bundled.js");
    build.onResolve({ filter: /^@platformatic\/wasm-utils$/ }, () => ({ path: bundled }));
  },
};
