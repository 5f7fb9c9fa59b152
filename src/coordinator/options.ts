// Flags of `omb coordinate` and `omb run`, parsed from argv. Java OMB's flags
// keep their meaning (-d, -w, -wf, -x, -o); lists may be comma-separated or
// repeated. Every problem is collected so that usage errors come all at once.
import { parseArgs } from "node:util";
import { checkWorkerUrl } from "../config";
import { parseThreshold, THRESHOLD_EXAMPLE } from "../config/thresholds";
import { DEFAULT_CLIENT, DRIVER_CLIENTS, type DriverClient } from "../config/types";
import type { JudgeOptions } from "../result/types";
import { tokenProblem } from "../worker/api/token";

export interface RunOverrides {
  durationSeconds?: number;
  warmupSeconds?: number;
  /** msg/s across all producers; 0 = max-rate discovery. */
  rate?: number;
}

export interface SessionOptions {
  drivers: string[];
  workloads: string[];
  workers: string[];
  workersFile?: string;
  /** Java OMB's -x: more consumer workers than producer workers. */
  extraConsumerWorkers: boolean;
  /** A folder for the results, or (ending in .json) the one result file, as Java OMB's -o. */
  output: string;
  /** Written beside each result's JSON (which is always written), by extension. */
  formats: ResultFormat[];
  overrides: RunOverrides;
  bootstrapServers?: string;
  /** Replaces every driver file's replicationFactor. */
  replicationFactor?: number;
  /** Runs every driver file on this client instead of its own. */
  client?: DriverClient;
  keepTopics: boolean;
  statsIntervalMs: number;
  /** How long the health check keeps asking workers that do not answer yet (0: once). */
  waitForWorkersMs: number;
  token?: string;
  strict: boolean;
  /** How each run is judged: --threshold (added to the workload's), --max-error-rate, --rate-tolerance, --strict. */
  judging: Partial<JudgeOptions> & { thresholds: string[] };
  /** omb run only. */
  localWorkers: number;
  /** Java OMB's -c: write the CSV of this folder's results, run nothing. */
  csvDir?: string;
}

export type ParsedSession = { ok: true; options: SessionOptions } | { ok: false; problems: string[] };

export interface SessionFlagsOptions {
  /** `omb coordinate` takes worker addresses; `omb run` starts local workers. */
  mode: "coordinate" | "run";
}

const DEFAULT_STATS_INTERVAL_MS = 10_000;
/** What --format may ask for beside the JSON. */
export type ResultFormat = "csv" | "md" | "html";
const DEFAULT_FORMATS: ResultFormat[] = ["csv", "html"];
const FORMATS = ["json", "csv", "md", "html"] as const;

interface FlagDef {
  type: "string" | "boolean";
  short?: string;
  /** A longer single-dash spelling of Java OMB's (-wf), mapped before parsing. */
  javaShort?: string;
  multiple?: boolean;
  description: string;
  valueHint?: string;
  only?: SessionFlagsOptions["mode"];
}

/** One table for the parser and for --help. */
const FLAGS = {
  drivers: { type: "string", short: "d", multiple: true, valueHint: "driver,…", description: "Driver configs: files or embedded names, comma-separated or repeated" },
  workers: { type: "string", short: "w", multiple: true, valueHint: "url,…", description: "Worker URLs, comma-separated (http://host:port)", only: "coordinate" },
  "workers-file": { type: "string", javaShort: "wf", valueHint: "file", description: "YAML file with `workers: [url, …]` (also -wf; default ./workers.yaml when present)", only: "coordinate" },
  extra: { type: "boolean", short: "x", description: "Extra consumer workers: (n+2)/3 workers produce, the rest consume" },
  "local-workers": { type: "string", valueHint: "n", description: "Local workers to start on loopback (default 1; `omb coordinate` starts them only when given no workers)" },
  output: { type: "string", short: "o", valueHint: "dir|file.json", description: "Folder for the results (default ./results), or one result file ending in .json (as Java OMB's -o); omb's own data goes beside it in <file>.omb" },
  csv: { type: "string", short: "c", valueHint: "dir", description: "Java OMB's -c: write the CSV of every result in this folder to ./results-<epoch>.csv, and run nothing" },
  format: {
    type: "string",
    valueHint: "json,csv,md,html",
    description: "Files per result: the JSON always, and beside it a CSV summary, Markdown, an HTML report (default json,csv,html)",
  },
  duration: { type: "string", valueHint: "30s", description: "Override the workload's test duration" },
  warmup: { type: "string", valueHint: "10s", description: "Override the workload's warmup duration" },
  rate: { type: "string", valueHint: "msg/s", description: "Override producerRate (0 = find the maximum sustainable rate)" },
  "bootstrap-servers": { type: "string", valueHint: "host:port", description: "Override commonConfig bootstrap.servers" },
  "replication-factor": { type: "string", valueHint: "n", description: "Override the driver configs' replicationFactor (Java OMB's files ask for 3; a smaller cluster needs fewer)" },
  client: { type: "string", valueHint: DRIVER_CLIENTS.join("|"), description: `Client library for every driver file, instead of the file's own (default ${DEFAULT_CLIENT})` },
  "keep-topics": { type: "boolean", description: "Do not delete the run's topics (the command to delete them is printed)" },
  "stats-interval": { type: "string", valueHint: "10s", description: "Stats period (default 10s)" },
  "wait-for-workers": { type: "string", valueHint: "5m", description: "Keep asking workers that do not answer yet for this long before giving up (default 0: ask once)", only: "coordinate" },
  token: { type: "string", valueHint: "token", description: "Bearer token of the workers (default $OMB_TOKEN)" },
  strict: { type: "boolean", description: "Warnings fail: unknown or unsupported driver config keys, a client-bound load generator, clock offset" },
  threshold: {
    type: "string",
    multiple: true,
    valueHint: "'publishLatency.p99<50ms'",
    description: "A threshold as k6 writes it (repeatable; added to the workload's `thresholds:`); a valid run that breaches one exits 3",
  },
  "max-error-rate": { type: "string", valueHint: "0.01|1%", description: "Failed and unsettled sends tolerated, as a share of all sends (default 0)" },
  "rate-tolerance": { type: "string", valueHint: "0.02|2%", description: "How far the achieved rates may fall from the target (default 2%)" },
} as const satisfies Record<string, FlagDef>;

type FlagName = keyof typeof FLAGS;

/** citty argument definitions, for `--help` (parsing is parseSessionFlags'). */
export function sessionArgs(mode: SessionFlagsOptions["mode"]) {
  const args: Record<string, { type: "string" | "boolean" | "positional"; description: string; alias?: string[]; valueHint?: string; required?: boolean }> = {
    workloads: { type: "positional", description: "Workloads: files or embedded names (see `omb list`)", required: false, valueHint: "workload…" },
  };
  for (const [name, def] of Object.entries(FLAGS) as [FlagName, FlagDef][]) {
    if (def.only && def.only !== mode) continue;
    const alias = [def.short, def.javaShort].filter((a): a is string => a !== undefined);
    args[name] = { type: def.type, description: def.description, valueHint: def.valueHint, ...(alias.length ? { alias } : {}) };
  }
  return args;
}

const flagDefs = Object.fromEntries(
  (Object.entries(FLAGS) as [FlagName, FlagDef][]).map(([name, d]) => [name, { type: d.type, ...(d.short ? { short: d.short } : {}), ...(d.multiple ? { multiple: true } : {}) }]),
);

/** What the parser returns for FLAGS. */
type RawFlags = {
  [K in FlagName]?: (typeof FLAGS)[K] extends { multiple: true } ? string[] : (typeof FLAGS)[K]["type"] extends "boolean" ? boolean : string;
};

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** "30s", "2m", "500ms", "1h", or a bare number of seconds → milliseconds. */
export function parseDuration(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * DURATION_UNITS[m[2] ?? "s"]!;
}

function splitList(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
}

/**
 * `--duration -5s` as `--duration=-5s`: node's parser takes a value starting
 * with "-" for a flag and refuses it, and the value's own check says more.
 */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (const a of argv) {
    const flag = out.at(-1)?.replace(/^--/, "");
    const def = flag && flag in FLAGS ? FLAGS[flag as FlagName] : undefined;
    if (def?.type === "string" && /^-\d/.test(a)) out[out.length - 1] = `--${flag}=${a}`;
    else out.push(a);
  }
  return out;
}

export function parseSessionFlags(argv: string[], { mode }: SessionFlagsOptions): ParsedSession {
  const problems: string[] = [];
  // Java OMB spells the workers file flag -wf; node's parser only knows one-letter shorts.
  const args = joinNegativeValues(argv.map((a) => (a === "-wf" ? "--workers-file" : a.startsWith("-wf=") ? `--workers-file=${a.slice(4)}` : a)));
  let f: RawFlags;
  let positionals: string[];
  try {
    const parsed = parseArgs({ args, options: flagDefs, allowPositionals: true, strict: true });
    f = parsed.values as RawFlags;
    positionals = parsed.positionals;
  } catch (error) {
    return { ok: false, problems: [(error as Error).message] };
  }

  const duration = (flag: string, value: string | undefined, min: number): number | undefined => {
    if (value === undefined) return undefined;
    const ms = parseDuration(value);
    if (ms === undefined || ms < min) {
      problems.push(`--${flag} ${value}: expected a duration such as 30s, 2m or 500ms (at least ${min} ms)`);
      return undefined;
    }
    return ms;
  };

  const durationMs = duration("duration", f.duration, 1000);
  const warmupMs = duration("warmup", f.warmup, 0);
  const statsIntervalMs = duration("stats-interval", f["stats-interval"], 100) ?? DEFAULT_STATS_INTERVAL_MS;
  const waitForWorkersMs = duration("wait-for-workers", f["wait-for-workers"], 0) ?? 0;
  if (mode === "run" && f["wait-for-workers"] !== undefined) problems.push("--wait-for-workers belongs to `omb coordinate`; `omb run` starts its own workers");

  let rate: number | undefined;
  if (f.rate !== undefined) {
    rate = Number(f.rate);
    if (!Number.isFinite(rate) || rate < 0 || f.rate.trim() === "") {
      problems.push(`--rate ${f.rate}: expected msg/s as a number >= 0 (0 = find the maximum sustainable rate)`);
      rate = undefined;
    }
  }

  const share = (flag: string, value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
    const x = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
    if (!(x >= 0 && x <= 1)) {
      problems.push(`--${flag} ${value}: expected a share from 0 to 1, or a percentage such as 2%`);
      return undefined;
    }
    return x;
  };
  const maxErrorRate = share("max-error-rate", f["max-error-rate"]);
  const rateTolerance = share("rate-tolerance", f["rate-tolerance"]);
  const thresholds = f.threshold ?? [];
  for (const text of thresholds) {
    const t = parseThreshold(text);
    if ("error" in t) problems.push(`--threshold ${t.error} (e.g. --threshold '${THRESHOLD_EXAMPLE}')`);
  }

  let localWorkers = 1;
  if (f["local-workers"] !== undefined) {
    localWorkers = Number(f["local-workers"]);
    if (mode === "coordinate" && (f.workers?.length || f["workers-file"])) {
      problems.push("--local-workers: `omb coordinate` starts local workers only when given no workers; drop it, or drop -w/-wf");
    } else if (!Number.isInteger(localWorkers) || localWorkers < 1 || localWorkers > 64) {
      problems.push(`--local-workers ${f["local-workers"]}: expected a whole number from 1 to 64`);
    }
  }

  const workers: string[] = [];
  for (const raw of splitList(f.workers)) {
    const checked = checkWorkerUrl(raw.includes("://") ? raw : `http://${raw}`);
    if ("problem" in checked) problems.push(`-w/--workers: ${checked.problem} (expected http://host:port)`);
    else if (workers.includes(checked.url)) problems.push(`-w/--workers: ${checked.url} is listed twice`);
    else workers.push(checked.url);
  }
  if (mode === "run" && (f.workers?.length || f["workers-file"])) {
    problems.push("-w/--workers and -wf/--workers-file belong to `omb coordinate`; `omb run` starts its own workers");
  }
  if (f.workers?.length && f["workers-file"]) problems.push("give either -w/--workers or -wf/--workers-file, not both");

  let replicationFactor: number | undefined;
  if (f["replication-factor"] !== undefined) {
    replicationFactor = Number(f["replication-factor"]);
    if (!Number.isInteger(replicationFactor) || replicationFactor < 1 || replicationFactor > 32_767) {
      problems.push(`--replication-factor ${f["replication-factor"]}: expected a whole number from 1 (at most the brokers of the cluster)`);
    }
  }

  const client = f.client as DriverClient | undefined;
  if (client !== undefined && !DRIVER_CLIENTS.includes(client)) {
    problems.push(`--client ${f.client}: expected one of ${DRIVER_CLIENTS.join(", ")}`);
  }

  const drivers = splitList(f.drivers);
  const workloads = positionals;
  if (f.csv !== undefined) {
    if (f.csv === "") problems.push("-c/--csv: expected a folder of result files");
    if (drivers.length || workloads.length) problems.push("-c/--csv writes the CSV of saved results and runs nothing: drop the workloads and -d, or drop -c");
  } else {
    if (!drivers.length) problems.push("no driver: give -d/--drivers with a driver file or an embedded driver name (see `omb list`)");
    if (!workloads.length) problems.push("no workload: give one or more workload files or embedded workload names (see `omb list`)");
  }
  if (f.output === "") problems.push("-o/--output: expected a folder, or a file ending in .json");
  const formats = f.format === undefined ? DEFAULT_FORMATS : splitList([f.format]);
  const unknown = formats.filter((x) => !(FORMATS as readonly string[]).includes(x));
  if (unknown.length || !formats.length) problems.push(`--format ${f.format}: expected a comma-separated list of ${FORMATS.join(", ")}`);

  const token = f.token ?? process.env.OMB_TOKEN;
  const badToken = token ? tokenProblem(token) : undefined;
  if (badToken) problems.push(`${f.token === undefined ? "OMB_TOKEN" : "--token"}: ${badToken}`);
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    options: {
      drivers,
      workloads,
      workers,
      workersFile: f["workers-file"],
      extraConsumerWorkers: f.extra ?? false,
      output: f.output ?? "./results",
      formats: formats.filter((x): x is ResultFormat => x !== "json"),
      overrides: {
        durationSeconds: durationMs === undefined ? undefined : durationMs / 1000,
        warmupSeconds: warmupMs === undefined ? undefined : warmupMs / 1000,
        rate,
      },
      bootstrapServers: f["bootstrap-servers"],
      ...(replicationFactor !== undefined ? { replicationFactor } : {}),
      client,
      keepTopics: f["keep-topics"] ?? false,
      statsIntervalMs,
      waitForWorkersMs,
      token: token || undefined,
      strict: f.strict ?? false,
      judging: { thresholds, strict: f.strict ?? false, ...(maxErrorRate !== undefined ? { maxErrorRate } : {}), ...(rateTolerance !== undefined ? { rateTolerance } : {}) },
      localWorkers,
      ...(f.csv !== undefined ? { csvDir: f.csv } : {}),
    },
  };
}
