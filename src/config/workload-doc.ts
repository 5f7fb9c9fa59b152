// Renders docs/workload.md from the workload schema (WORKLOAD_FIELDS): each
// field's type and default come from the schema omb checks files with, so the
// reference cannot drift from it. `bun src/config/workload-doc.ts` rewrites the
// file; a test fails when the committed one is out of date or a field lacks a row.
import * as v from "valibot";
import { join } from "node:path";
import { snakeCase } from "./fields";
import { WORKLOAD_FIELDS } from "./workload-file";

export const WORKLOAD_DOC_PATH = join(import.meta.dir, "../../docs/workload.md");

interface FieldDoc {
  origin: "Java OMB" | "omb";
  unit?: string;
  /** The default when the schema has none to show (a rule decides it). */
  defaultText?: string;
  text: string;
}

/** One row per field of WORKLOAD_FIELDS, in its order. */
export const WORKLOAD_FIELD_DOCS: Record<string, FieldDoc> = {
  name: { origin: "Java OMB", defaultText: "the file name", text: "Shown in logs and results." },
  topics: { origin: "Java OMB", text: "Topics the run creates (fresh ones, deleted at the end)." },
  partitionsPerTopic: { origin: "Java OMB", text: "Partitions of each topic." },
  messageSize: { origin: "Java OMB", unit: "bytes", text: "Size of each message's payload." },
  payloadFile: {
    origin: "Java OMB",
    text: "A file whose bytes are every message's payload; exactly messageSize long. Resolved against the workload file's folder, then the current one. `null` is the same as leaving it out.",
  },
  useRandomizedPayloads: { origin: "Java OMB", text: "Payloads from a pool of random ones instead of one fixed payload." },
  randomBytesRatio: { origin: "Java OMB", text: "Share of each randomized payload that is random (the rest is zeros). Only with useRandomizedPayloads." },
  randomizedPayloadPoolSize: { origin: "Java OMB", text: "Randomized payloads to draw from. Only with useRandomizedPayloads (then at least 1)." },
  keyDistributor: {
    origin: "Java OMB",
    text: "Message keys: none (`NO_KEY`), `KEY_ROUND_ROBIN`, `RANDOM_NANO`; the seeds' `ROUND_ROBIN`, `RANDOM` and `ZIP_LATENT` (Zipfian) are omb's additions.",
  },
  subscriptionsPerTopic: { origin: "Java OMB", text: "Consumer groups per topic; 0 makes a producer-only run." },
  consumerPerSubscription: { origin: "Java OMB", text: "Consumers in each subscription (at least 1 when there are subscriptions)." },
  producersPerTopic: { origin: "Java OMB", text: "Producers writing to each topic." },
  producerRate: { origin: "Java OMB", unit: "msg/s", text: "Target rate across all producers; 0 or less finds the maximum sustainable rate." },
  consumerBacklogSizeGB: {
    origin: "Java OMB",
    unit: "GiB",
    text: "Above 0: a backlog test. Producers build this much backlog with consumers paused, then consumers drain it while producing goes on.",
  },
  backlogDrainRatio: { origin: "Java OMB", text: "Share of the backlog that must drain before the test may end (1 = all). Only with consumerBacklogSizeGB." },
  testDurationMinutes: { origin: "Java OMB", unit: "minutes", defaultText: "required (or testDurationSeconds)", text: "How long the measured phase runs." },
  testDurationSeconds: { origin: "omb", unit: "seconds", defaultText: "required (or testDurationMinutes)", text: "The same in seconds, for sub-minute runs; not with testDurationMinutes." },
  warmupDurationMinutes: { origin: "Java OMB", unit: "minutes", defaultText: "1", text: "Warmup before measuring; its figures are not in the result." },
  warmupDurationSeconds: { origin: "omb", unit: "seconds", defaultText: "60", text: "The same in seconds; not with warmupDurationMinutes." },
  thresholds: {
    origin: "omb",
    defaultText: "none",
    text: "Thresholds the run must meet, as k6 writes them (`publishLatency.p99<50ms`, `lost==0`): a valid run that breaches one exits 3. `--threshold` on the command line adds to them; `omb report --threshold` replaces them. Java OMB does not know this field.",
  },
};

export function renderWorkloadDoc(): string {
  const lines = [
    "# Workload files",
    "",
    "<!-- Generated from src/config/workload-file.ts and src/config/workload-doc.ts by `bun src/config/workload-doc.ts`; do not edit by hand. -->",
    "",
    "A workload file is Java OMB's YAML: Java OMB's workload files load unchanged, and omb's load in Java OMB",
    "when they use only its fields. Every field may also be written in snake_case (`partitions_per_topic`).",
    "As in Java OMB, a field at its default is never a problem, `field: null` is the same as leaving the field out,",
    "and a field that has no effect (e.g. `randomBytesRatio` without `useRandomizedPayloads`) is a warning.",
    "`omb validate FILE` lists every problem at once; `omb show quick-test` prints a workload to start from.",
    "",
    "| field | type | default | unit | from | meaning |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const [name, def] of Object.entries(WORKLOAD_FIELDS)) {
    const doc = WORKLOAD_FIELD_DOCS[name];
    if (!doc) throw new Error(`workload field ${name} has no row in WORKLOAD_FIELD_DOCS`);
    const fallback = v.getDefault(def.schema as v.OptionalSchema<v.GenericSchema, unknown>);
    const defaultText = doc.defaultText ?? (fallback === undefined ? (isOptional(def.schema) ? "none" : "required") : String(fallback));
    const names = `\`${name}\`${snakeCase(name) === name ? "" : `<br>\`${snakeCase(name)}\``}`;
    lines.push(`| ${names} | ${cell(def.expected)} | ${cell(defaultText)} | ${doc.unit ?? ""} | ${doc.origin === "omb" ? "omb extension" : "Java OMB"} | ${cell(doc.text)} |`);
  }
  return `${lines.join("\n")}\n`;
}

function isOptional(schema: v.GenericSchema): boolean {
  return schema.type === "optional";
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/</g, "&lt;");
}

if (import.meta.main) {
  await Bun.write(WORKLOAD_DOC_PATH, renderWorkloadDoc());
  console.log(`wrote ${WORKLOAD_DOC_PATH}`);
}
