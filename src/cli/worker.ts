import { defineCommand } from "citty";
import { consola } from "consola";
import { availableParallelism, hostname } from "node:os";
import { ExitCode } from "../exit-codes";
import { type RunningWorker, startWorkerServer } from "../worker/server/start";
import { TOKEN_RULE, tokenProblem } from "../worker/api/token";

export default defineCommand({
  meta: {
    name: "worker",
    description: "Serve the worker HTTP API; producers and consumers run in child processes of this one",
  },
  args: {
    host: { type: "string", default: "0.0.0.0", description: "Address to listen on" },
    port: { type: "string", default: "8080", description: "Port to listen on; 0 picks a free one" },
    id: { type: "string", description: "Name of this worker in logs and results (default: <hostname>:<port>)" },
    processes: {
      type: "string",
      description: `Child processes running producers and consumers (default: available cores, here ${availableParallelism()})`,
    },
    token: { type: "string", description: `Bearer token required on every route but /health, ${TOKEN_RULE} (default: $OMB_TOKEN)` },
    deadman: {
      type: "string",
      default: "60",
      description:
        "Seconds without a coordinator call after which the worker tears its session down as stop-all does " +
        "(load, clients, children), from initialize-driver until stop-all, consumer-only workers too; 0 disables",
    },
  },
  async run({ args }) {
    const problems: string[] = [];
    const port = integerArg("--port", args.port, 0, 65_535, problems);
    const processes = integerArg("--processes", args.processes ?? String(availableParallelism()), 1, 1024, problems);
    const deadman = integerArg("--deadman", args.deadman, 0, 86_400, problems);
    if (args.id !== undefined && !/^\S+$/.test(args.id)) {
      problems.push(`--id: expected a name without spaces (it is part of the listening line), got "${args.id}"`);
    }
    const token = args.token ?? process.env.OMB_TOKEN ?? undefined;
    const badToken = token ? tokenProblem(token) : undefined;
    if (badToken) problems.push(`${args.token === undefined ? "OMB_TOKEN" : "--token"}: ${badToken}`);
    if (problems.length > 0) {
      for (const problem of problems) consola.error(problem);
      process.exit(ExitCode.usage);
    }
    // Handlers first: whoever reads the listening line may signal at once.
    let running: RunningWorker | undefined;
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      if (running) {
        consola.info(`worker ${running.id}: ${signal}, stopping load and closing clients`);
        await running.close();
      }
      process.exit(ExitCode.ok);
    };
    process.on("SIGINT", () => void shutdown("SIGINT"));
    process.on("SIGTERM", () => void shutdown("SIGTERM"));
    // Started by `omb run` with an IPC channel: when that coordinator dies, this worker ends too.
    if (process.send) process.on("disconnect", () => void shutdown("coordinator gone"));

    try {
      running = await startWorkerServer({
        host: args.host,
        port,
        id: args.id,
        processes,
        token: token === "" ? undefined : token,
        deadmanSeconds: deadman,
        defaultId: (actualPort) => `${hostname()}:${actualPort}`,
      });
    } catch (error) {
      consola.error(`omb worker: cannot listen on ${args.host}:${port}: ${(error as Error).message}`);
      process.exit(ExitCode.runFailed);
    }
    // The one line `omb run` (and people) parse to find the worker; keep its shape.
    console.log(`omb worker ${running.id} listening on ${running.url}`);
  },
});

function integerArg(flag: string, text: string, min: number, max: number, problems: string[]): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.push(`${flag}: expected an integer from ${min} to ${max}, got "${text}"`);
  }
  return value;
}
