// Reads saved result files for `omb report`: ours (Java OMB's fields in the
// main file, the `omb` block in its sidecar; older ones kept the block inside
// the main file), and Java OMB's own (no `omb` block). Validated at the
// boundary; a bad file is named with the field that is wrong, and never
// half-rendered.
import * as v from "valibot";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { decodeHistogram } from "../stats/histogram";
import { type JavaTestResult, type OmbBlock, RUN_STATUSES } from "./types";
import { SIDECAR_SUFFIX, sidecarPath } from "./writer";

export type ResultFile = JavaTestResult & { omb?: OmbBlock };

const num = v.pipe(v.number(), v.finite());
const count = v.pipe(v.number(), v.minValue(0));
const histogram = v.pipe(
  v.string(),
  v.check((s) => {
    try {
      decodeHistogram(s);
      return true;
    } catch {
      return false;
    }
  }, "not an encoded histogram"),
);

const ombSchema = v.looseObject({
  testId: v.string(),
  status: v.picklist(RUN_STATUSES),
  targetRate: num,
  throughput: v.looseObject({ publishRate: num, consumeRate: num, publishMBps: num, publishErrors: count }),
  histograms: v.looseObject({
    publishLatency: histogram,
    publishDelay: histogram,
    intendedPublishLatency: histogram,
    endToEndLatency: histogram,
  }),
  reconciliation: v.looseObject({ acked: count, lost: count, duplicated: count }),
  // Judged per subscription by the verdict (absent in older files).
  periods: v.optional(v.array(v.looseObject({ receivedBySubscription: v.optional(v.record(v.string(), count)) }))),
});

const resultSchema = v.looseObject({
  workload: v.string(),
  driver: v.string(),
  messageSize: count,
  topics: count,
  partitions: count,
  producersPerTopic: count,
  consumersPerTopic: count,
  publishRate: v.array(num),
  consumeRate: v.array(num),
  omb: v.optional(ombSchema),
});

const sidecarSchema = v.looseObject({ workload: v.string(), driver: v.string(), omb: ombSchema });

export class ResultFileError extends Error {}

/** The main file a path names: itself, or the one a sidecar belongs to (`omb report results/*`). */
export function mainResultPath(path: string): string {
  return path.endsWith(SIDECAR_SUFFIX) ? path.slice(0, -SIDECAR_SUFFIX.length) : path;
}

export async function readResultFile(given: string): Promise<ResultFile> {
  const path = mainResultPath(given);
  const result = parse(path, await readJson(path), resultSchema, "a result JSON written by omb or Java OMB") as ResultFile;
  const sidecar = sidecarPath(path);
  if (result.omb || !existsSync(sidecar)) return result;
  const side = parse(sidecar, await readJson(sidecar), sidecarSchema, `omb's sidecar of ${path}`) as { workload: string; driver: string; omb: OmbBlock };
  if (side.workload !== result.workload || side.driver !== result.driver) {
    throw new ResultFileError(
      `${sidecar}: belongs to workload "${side.workload}" with driver "${side.driver}", but ${path} is "${result.workload}" with "${result.driver}" (rename them together, or remove the stray sidecar)`,
    );
  }
  return { ...result, omb: side.omb };
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new ResultFileError(`${path}: ${(error as Error).message}`);
  }
}

function parse(path: string, json: unknown, schema: v.GenericSchema, expected: string): unknown {
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) {
    const problems = parsed.issues.map((i) => `${path}: ${v.getDotPath(i) ?? "(file)"}: ${i.message}`);
    throw new ResultFileError(`${problems.join("\n")}\n(expected ${expected})`);
  }
  return json;
}
