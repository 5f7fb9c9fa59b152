// Filled in by build.ts through `define`; running from source says "dev".
declare const OMB_VERSION: string | undefined;
declare const OMB_COMMIT: string | undefined;
declare const OMB_BUILT_AT: string | undefined;

import pkg from "../package.json" with { type: "json" };

export const buildInfo = {
  version: typeof OMB_VERSION === "string" ? OMB_VERSION : pkg.version,
  commit: typeof OMB_COMMIT === "string" ? OMB_COMMIT : "dev",
  builtAt: typeof OMB_BUILT_AT === "string" ? OMB_BUILT_AT : "",
  bun: Bun.version,
  compiled: Boolean(Bun.isStandaloneExecutable),
};

/** argv that starts this same program again with another subcommand, compiled or not. */
export function selfCommand(...args: string[]): string[] {
  return Bun.isStandaloneExecutable ? [process.execPath, ...args] : [process.execPath, Bun.main, ...args];
}
