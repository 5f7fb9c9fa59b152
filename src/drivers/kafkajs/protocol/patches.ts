// kafkajs 2.2.4 is unmaintained; its producer's and consumer's hot paths are replaced here at
// load time (the build, `bun test`, `bun src/...`) by modules of ours that
// produce the same bytes and results. Without the plugin kafkajs still works,
// only slower.
import type { BunPlugin } from "bun";
import { join } from "node:path";

const replacements: { file: RegExp; module: string; exportName: string }[] = [
  {
    file: /kafkajs[\\/]src[\\/]protocol[\\/]requests[\\/]produce[\\/]v3[\\/]request\.js$/,
    module: "produce-request.ts",
    exportName: "produceRequest",
  },
  {
    file: /kafkajs[\\/]src[\\/]protocol[\\/]request\.js$/,
    module: "request-frame.ts",
    exportName: "frameRequest",
  },
  {
    file: /kafkajs[\\/]src[\\/]producer[\\/]groupMessagesPerPartition\.js$/,
    module: "group-messages.ts",
    exportName: "groupMessagesPerPartition",
  },
  {
    file: /kafkajs[\\/]src[\\/]protocol[\\/]recordBatch[\\/]v0[\\/]decoder\.js$/,
    module: "record-batch.ts",
    exportName: "decodeRecordBatch",
  },
];

export const kafkajsPatches: BunPlugin = {
  name: "omb-kafkajs-patches",
  setup(build) {
    // kafkajs require()s these files and calls what they export. The bundler
    // takes a CommonJS stand-in; Bun's runtime plugins read what they load as
    // an ES module, where this export name is how one sets module.exports.
    const bundling = build.config !== undefined;
    for (const { file, module, exportName } of replacements) {
      const path = JSON.stringify(join(import.meta.dir, module));
      const contents = bundling
        ? `module.exports = require(${path}).${exportName};`
        : `import { ${exportName} } from ${path}; export { ${exportName} as "module.exports" };`;
      build.onLoad({ filter: file }, () => ({ contents, loader: "js" }));
    }
  },
};
