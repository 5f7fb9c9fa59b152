// Reads saved result files for `omb report`: ours, and Java OMB's own (which
// have no `omb` block). Validated at the boundary; a bad file is named with
// the field that is wrong, and never half-rendered.
import * as v from "valibot";
import { readFile } from "node:fs/promises";
import { decodeHistogram } from "../stats/histogram";
import { type JavaTestResult, type OmbBlock, RUN_STATUSES } from "./types";

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

export class ResultFileError extends Error {}

export async function readResultFile(path: string): Promise<ResultFile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new ResultFileError(`${path}: ${(error as Error).message}`);
  }
  const parsed = v.safeParse(resultSchema, json);
  if (!parsed.success) {
    const problems = parsed.issues.map((i) => `${path}: ${v.getDotPath(i) ?? "(file)"}: ${i.message}`);
    throw new ResultFileError(`${problems.join("\n")}\n(expected a result JSON written by omb or Java OMB)`);
  }
  return json as ResultFile;
}
