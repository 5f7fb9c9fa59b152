// Several hosts on this machine, each its own network stack (network namespaces on one
// bridge, addresses in 10.231.0.0/20 only): a broker in one, an `omb worker` in each of
// the others, the coordinator in the root namespace. Needs root.
//
//   bun scripts/hosts/hosts.ts run [--workers N] [--deadman S] -- COORDINATE-ARGS...
//       Makes the hosts, runs `omb coordinate -w <worker URLs> --bootstrap-servers <broker>
//       COORDINATE-ARGS` here, removes everything (also on Ctrl-C or failure) and exits with
//       the coordinator's exit code. Example:
//       bun scripts/hosts/hosts.ts run --workers 3 -- -d throughput --duration 30s quick-test
//   bun scripts/hosts/hosts.ts clean
//       Removes the namespaces and bridges that a killed run left behind.
import { parseArgs } from "node:util";
import { join } from "node:path";
import { startHosts } from "./cluster";
import { namespacesUnavailable, removeStale } from "./netns";

const USAGE = "usage: bun scripts/hosts/hosts.ts run [--workers N] [--deadman S] -- COORDINATE-ARGS... | clean";
const MAIN = join(import.meta.dir, "..", "..", "src", "cli", "main.ts");

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { workers: { type: "string", default: "3" }, deadman: { type: "string", default: "60" } },
    allowPositionals: true,
  });
  const workers = Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    console.error(`--workers ${values.workers}: expected a whole number from 1 to 64\n${USAGE}`);
    return 2;
  }
  const unavailable = namespacesUnavailable();
  if (unavailable) {
    console.error(`cannot make hosts: ${unavailable}`);
    return 1;
  }
  const hosts = await startHosts({ workers, workerArgs: ["--deadman", values.deadman] });
  let coordinator: ReturnType<typeof Bun.spawn> | undefined;
  // Ctrl-C reaches the coordinator too (same process group): it ends the run and writes the
  // partial result; the hosts go after it. A SIGTERM for this process alone is passed on.
  const ignore = () => {};
  const forward = () => coordinator?.kill("SIGTERM");
  process.on("SIGINT", ignore);
  process.on("SIGTERM", forward);
  try {
    const urls = hosts.workers.map((w) => w.url).join(",");
    coordinator = Bun.spawn([process.execPath, MAIN, "coordinate", "-w", urls, "--bootstrap-servers", hosts.bootstrap, ...positionals], {
      stdio: ["inherit", "inherit", "inherit"],
    });
    return await coordinator.exited;
  } finally {
    process.off("SIGINT", ignore);
    process.off("SIGTERM", forward);
    await hosts.close();
  }
}

async function main(argv: string[]): Promise<number> {
  switch (argv[0]) {
    case "run":
      return run(argv.slice(1));
    case "clean": {
      const removed = removeStale();
      console.log(removed.length ? `removed slots ${removed.join(", ")}` : "nothing to remove");
      return 0;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

if (import.meta.main) {
  const code = await main(process.argv.slice(2)).catch((e: Error) => {
    console.error(e.message);
    return 1;
  });
  process.exit(code);
}
