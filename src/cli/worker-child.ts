// Hidden: the child process of `omb worker` (it starts this itself over IPC).
import { defineCommand } from "citty";
import { ExitCode } from "../exit-codes";

export default defineCommand({
  meta: { name: "worker-child", description: "Internal: a child process of `omb worker`", hidden: true },
  args: {
    index: { type: "string", required: true, description: "Child number within its worker" },
    worker: { type: "string", required: true, description: "Id of the parent worker" },
  },
  async run({ args }) {
    if (!process.send) {
      console.error("omb worker-child is started by `omb worker`, not by hand");
      process.exit(ExitCode.usage);
    }
    const { runWorkerChild } = await import("../worker/child/main");
    runWorkerChild(Number(args.index), args.worker);
  },
});
