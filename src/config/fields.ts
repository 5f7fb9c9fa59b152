// The top-level fields of a config file: camelCase names as in Java OMB, the
// seeds' snake_case spellings as aliases, each field checked by its own valibot
// schema so that every bad field is reported, each at its own line.
import * as v from "valibot";
import { describeValue } from "./errors";
import { didYouMean } from "./suggest";
import { NAME_RULE, isSafeName } from "./names";
import type { YamlFile } from "./yaml-file";

export interface FieldDef {
  schema: v.GenericSchema;
  /** What a good value looks like, in the user's words: "an integer from 1 to 10000". */
  expected: string;
  /** Allowed words, for "did you mean" on enum fields. */
  choices?: readonly string[];
}

export type FieldDefs = Record<string, FieldDef>;

/** A field as found in the file. */
export interface FoundField {
  value: unknown;
  /** The spelling used in the file (camelCase or an alias). */
  key: string;
}

/** partitionsPerTopic → partitions_per_topic, consumerBacklogSizeGB → consumer_backlog_size_gb. */
export function snakeCase(name: string): string {
  return name.replace(/([a-z0-9])([A-Z]+)/g, "$1_$2").toLowerCase();
}

/** Every accepted spelling of the fields, mapped to its camelCase name. */
export function spellings(names: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of names) {
    out.set(name, name);
    out.set(snakeCase(name), name);
  }
  return out;
}

/** Finds the known fields of the top-level map; unknown and doubled fields become problems. */
export function findFields(file: YamlFile, names: Iterable<string>): Map<string, FoundField> {
  const known = spellings(names);
  const found = new Map<string, FoundField>();
  // Suggestions in the spelling the file uses; built once, a file may hold thousands of unknown keys.
  const camel = [...new Set(known.values())];
  const snake = camel.map(snakeCase);
  for (const [key, value] of Object.entries(file.data ?? {})) {
    const name = known.get(key);
    // `field: null` is a field not given, as Java OMB reads it (its generator writes `payloadFile: null`).
    if (name && value === null) continue;
    if (!name) {
      const candidates = key.includes("_") ? snake : camel;
      file.problem([key], `unknown field${didYouMean(key, candidates)}`, undefined, "key", key || '""');
      continue;
    }
    const earlier = found.get(name);
    if (earlier) {
      file.problem([key], `is the same field as ${earlier.key}, given twice`, "each field once", "key");
      continue;
    }
    found.set(name, { value, key });
  }
  return found;
}

/**
 * Runs each field's schema; problems are recorded in the file, and the result
 * holds the fields that passed (defaults applied). `ok` is false if any failed.
 */
export function parseFields(
  file: YamlFile,
  defs: FieldDefs,
  found: Map<string, FoundField>,
): { values: Record<string, unknown>; ok: boolean } {
  const values: Record<string, unknown> = {};
  let ok = true;
  for (const [name, def] of Object.entries(defs)) {
    const field = found.get(name);
    const result = v.safeParse(def.schema, field?.value);
    if (result.success) {
      values[name] = result.output;
      continue;
    }
    ok = false;
    const issue = result.issues[0];
    const key = field?.key ?? name;
    // Inside a list or map the issue's path leads to the item at fault.
    const inner = (issue.path ?? []).map((p) => p.key as string | number);
    const label = key + inner.map((k) => (typeof k === "number" ? `[${k}]` : `.${k}`)).join("");
    file.problem(field ? [key, ...inner] : [], issueProblem(issue, def), def.expected, "value", label);
  }
  return { values, ok };
}

function issueProblem(issue: v.BaseIssue<unknown>, def: FieldDef): string {
  const input = issue.input;
  if (input === undefined) return "missing";
  switch (issue.type) {
    case "integer":
      return `${input} is not a whole number`;
    case "min_value":
      return `${input} is below the minimum ${String(issue.requirement)}`;
    case "max_value":
      return `${input} is above the maximum ${String(issue.requirement)}`;
    case "min_length":
      return "is empty";
    case "picklist":
      return `unknown value ${typeof input === "string" ? JSON.stringify(input) : describeValue(input)}${def.choices ? didYouMean(String(input), def.choices) : ""}`;
  }
  return issue.kind === "schema" ? `got ${describeValue(input)}` : issue.message;
}

/** An integer field within [min, max]. */
export function intField(min: number, max: number, fallback?: number): FieldDef {
  const schema = v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
  return { schema: fallback === undefined ? schema : v.optional(schema, fallback), expected: `an integer from ${min} to ${max}` };
}

/** A number field within [min, max]. */
export function numberField(min: number, max: number, fallback: number): FieldDef {
  return { schema: v.optional(v.pipe(v.number(), v.minValue(min), v.maxValue(max)), fallback), expected: `a number from ${min} to ${max}` };
}

/** The same field, allowed to be absent (no default). */
export function optional(def: FieldDef): FieldDef {
  return { ...def, schema: v.optional(def.schema) };
}

export function boolField(fallback: boolean): FieldDef {
  return { schema: v.optional(v.boolean(), fallback), expected: "true or false" };
}

/** Optional non-empty text. */
/** A name that becomes part of topic and file names and is printed: see names.ts. */
export function nameField(): FieldDef {
  return {
    schema: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.check(isSafeName, "is not usable as a name: it becomes part of topic and file names, and is printed"))),
    expected: NAME_RULE,
  };
}

export function textField(): FieldDef {
  return { schema: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1))), expected: "non-empty text" };
}
