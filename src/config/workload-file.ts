// Workload files: Java OMB's schema and defaults (Workload.java), the seeds'
// snake_case aliases and key distributor names, sub-minute durations, and the
// cross-field rules that make a run meaningful.
import * as v from "valibot";
import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { ConfigError, type ConfigProblem } from "./errors";
import { boolField, findFields, type FieldDefs, intField, numberField, nameField, optional, parseFields, textField } from "./fields";
import { type ConfigSource, readSource } from "./source";
import { parseThreshold, THRESHOLD_EXAMPLE } from "./thresholds";
import type { KeyDistributorType, LoadedWorkload, Workload } from "./types";
import { YamlFile } from "./yaml-file";

/** Loads a workload by path or embedded name; throws ConfigError listing every problem. */
export function loadWorkload(ref: string): LoadedWorkload {
  const { loaded, problems, warnings } = checkWorkload(readSource(ref, "workload"));
  if (!loaded) throw new ConfigError(problems);
  return warnings.length ? { ...loaded, warnings: warnings.map((w) => `${w.field}: ${w.problem}`) } : loaded;
}

/**
 * Bounds that catch typos, not ambition: Java OMB's own workloads go up to a
 * million topics with four producers and four consumers each.
 */
export const WORKLOAD_LIMITS = {
  topics: 1_000_000,
  partitionsPerTopic: 100_000,
  totalPartitions: 10_000_000,
  messageSize: 64 * 1024 * 1024,
  producersPerTopic: 1_000,
  totalProducers: 10_000_000,
  subscriptionsPerTopic: 1_000,
  consumerPerSubscription: 1_000,
  totalConsumers: 10_000_000,
  producerRate: 100_000_000,
  consumerBacklogSizeGB: 100_000,
  randomizedPayloadPoolSize: 100_000,
  testDurationMinutes: 7 * 24 * 60,
  warmupDurationMinutes: 24 * 60,
} as const;

const KEY_DISTRIBUTORS: Record<string, KeyDistributorType> = {
  NO_KEY: "NO_KEY",
  KEY_ROUND_ROBIN: "KEY_ROUND_ROBIN",
  RANDOM_NANO: "RANDOM_NANO",
  ZIP_LATENT: "ZIP_LATENT",
  ROUND_ROBIN: "KEY_ROUND_ROBIN",
  RANDOM: "RANDOM_NANO",
};

const L = WORKLOAD_LIMITS;

/** Java OMB's defaults where it has a usable one; counts it leaves at 0 are required instead. */
export const WORKLOAD_FIELDS: FieldDefs = {
  name: nameField(),
  topics: intField(1, L.topics),
  partitionsPerTopic: intField(1, L.partitionsPerTopic),
  messageSize: intField(1, L.messageSize),
  payloadFile: textField(),
  useRandomizedPayloads: boolField(false),
  randomBytesRatio: numberField(0, 1, 0),
  randomizedPayloadPoolSize: intField(0, L.randomizedPayloadPoolSize, 0),
  keyDistributor: {
    schema: v.optional(v.picklist(Object.keys(KEY_DISTRIBUTORS)), "NO_KEY"),
    expected: Object.keys(KEY_DISTRIBUTORS).join(" | "),
    choices: Object.keys(KEY_DISTRIBUTORS),
  },
  subscriptionsPerTopic: intField(0, L.subscriptionsPerTopic, 0),
  consumerPerSubscription: intField(0, L.consumerPerSubscription, 0),
  producersPerTopic: intField(1, L.producersPerTopic),
  producerRate: {
    schema: v.optional(v.pipe(v.number(), v.integer(), v.maxValue(L.producerRate)), 0),
    expected: `an integer up to ${L.producerRate} msg/s (0 or less = find the maximum rate)`,
  },
  consumerBacklogSizeGB: numberField(0, L.consumerBacklogSizeGB, 0),
  backlogDrainRatio: numberField(0, 1, 1),
  // Each pair is optional field by field; durations() requires one of the test pair.
  testDurationMinutes: optional(intField(1, L.testDurationMinutes)),
  testDurationSeconds: optional(intField(1, L.testDurationMinutes * 60)),
  warmupDurationMinutes: optional(intField(0, L.warmupDurationMinutes)),
  warmupDurationSeconds: optional(intField(0, L.warmupDurationMinutes * 60)),
  // An omb extension (k6's thresholds): Java OMB would refuse the field, so it is for omb's workloads only.
  thresholds: {
    schema: v.optional(v.array(v.string()), []),
    expected: `a list of thresholds, e.g. ["${THRESHOLD_EXAMPLE}", "lost==0"]`,
  },
};

/**
 * Checks a workload's text; `loaded` is set only when there is no problem.
 * Every problem is found in one pass: the cross-field rules run over the
 * fields that parsed. As in Java OMB, a field at its default is never a
 * problem, and one that has no effect is a warning.
 */
export function checkWorkload(source: ConfigSource): { loaded?: LoadedWorkload; problems: ConfigProblem[]; warnings: ConfigProblem[] } {
  const file = new YamlFile(source);
  if (!file.data) return { problems: file.problems, warnings: [] };
  const found = findFields(file, Object.keys(WORKLOAD_FIELDS));
  const { values, ok } = parseFields(file, WORKLOAD_FIELDS, found);
  const keyOf = (name: string) => found.get(name)?.key ?? name;
  const at = (name: string, text: string, expected?: string) => file.at(found.has(name) ? [keyOf(name)] : [], text, expected, "value", keyOf(name));
  const problem: Report = (name, text, expected) => void file.problems.push(at(name, text, expected));
  const warnings: ConfigProblem[] = [];
  const warn: Report = (name, text, expected) => void warnings.push(at(name, text, expected));
  const seconds = durations(values, found, problem);

  // Fields that did not parse are undefined here; the rules below skip them.
  const w = {
    name: (values.name as string | undefined) ?? source.stem,
    topics: values.topics as number,
    partitionsPerTopic: values.partitionsPerTopic as number,
    messageSize: values.messageSize as number,
    ...(values.payloadFile !== undefined ? { payloadFile: values.payloadFile as string } : {}),
    useRandomizedPayloads: values.useRandomizedPayloads as boolean,
    randomBytesRatio: values.randomBytesRatio as number,
    randomizedPayloadPoolSize: values.randomizedPayloadPoolSize as number,
    keyDistributor: KEY_DISTRIBUTORS[values.keyDistributor as string]!,
    subscriptionsPerTopic: values.subscriptionsPerTopic as number,
    consumerPerSubscription: values.consumerPerSubscription as number,
    producersPerTopic: values.producersPerTopic as number,
    producerRate: values.producerRate as number,
    consumerBacklogSizeGB: values.consumerBacklogSizeGB as number,
    backlogDrainRatio: values.backlogDrainRatio as number,
    ...seconds,
    ...((values.thresholds as string[] | undefined)?.length ? { thresholds: values.thresholds as string[] } : {}),
  } as Workload;

  crossFieldRules(w, found, problem, warn);
  (w.thresholds ?? []).forEach((text, i) => {
    const t = parseThreshold(text);
    if ("error" in t) file.problem([keyOf("thresholds"), i], t.error, `e.g. ${THRESHOLD_EXAMPLE}`);
  });
  if (!ok || !seconds) return { problems: file.problems, warnings };
  const payload = w.payloadFile !== undefined && !w.useRandomizedPayloads ? readPayload(w, source, problem) : undefined;
  if (file.problems.length) return { problems: file.problems, warnings };
  return { loaded: { workload: w, ...(payload ? { payload } : {}), source: source.file }, problems: [], warnings };
}

type Report = (field: string, problem: string, expected?: string) => void;

/** Folds the minutes/seconds pairs into seconds; undefined when they are unusable. */
function durations(values: Record<string, unknown>, found: Map<string, unknown>, problem: Report) {
  let ok = true;
  const pick = (minutes: string, secs: string, fallback: number | undefined) => {
    if (found.has(minutes) && found.has(secs)) {
      problem(secs, `is given together with ${minutes}`, `one of ${minutes} or ${secs}`);
      ok = false;
    }
    const m = values[minutes] as number | undefined;
    const s = values[secs] as number | undefined;
    return s ?? (m !== undefined ? m * 60 : fallback);
  };
  const testDurationSeconds = pick("testDurationMinutes", "testDurationSeconds", undefined);
  // Java OMB warms up for 1 minute unless told otherwise.
  const warmupDurationSeconds = pick("warmupDurationMinutes", "warmupDurationSeconds", 60)!;
  if (!found.has("testDurationMinutes") && !found.has("testDurationSeconds")) {
    problem("testDurationMinutes", "missing", "testDurationMinutes (1 or more) or testDurationSeconds (1 or more)");
    return undefined;
  }
  return ok && testDurationSeconds !== undefined ? { testDurationSeconds, warmupDurationSeconds } : undefined;
}

/** Rules over several fields; a field that did not parse (undefined) takes part in none. */
function crossFieldRules(w: Workload, found: Map<string, unknown>, problem: Report, warn: Report): void {
  const num = (x: number | undefined) => x ?? Number.NaN;
  const [topics, partitions, producers] = [num(w.topics), num(w.partitionsPerTopic), num(w.producersPerTopic)];
  const [subscriptions, consumersPerSubscription, backlogGB] = [num(w.subscriptionsPerTopic), num(w.consumerPerSubscription), num(w.consumerBacklogSizeGB)];
  if (topics * partitions > L.totalPartitions) {
    problem("partitionsPerTopic", `topics × partitionsPerTopic = ${topics * partitions} partitions`, `at most ${L.totalPartitions} partitions in all`);
  }
  if (topics * producers > L.totalProducers) {
    problem("producersPerTopic", `topics × producersPerTopic = ${topics * producers} producers`, `at most ${L.totalProducers} producers in all`);
  }
  const consumers = topics * subscriptions * consumersPerSubscription;
  if (consumers > L.totalConsumers) {
    problem("consumerPerSubscription", `topics × subscriptionsPerTopic × consumerPerSubscription = ${consumers} consumers`, `at most ${L.totalConsumers} consumers in all`);
  }
  if (subscriptions > 0 && consumersPerSubscription < 1) {
    problem("consumerPerSubscription", found.has("consumerPerSubscription") ? "is 0 but subscriptionsPerTopic is above 0" : "missing (subscriptionsPerTopic is above 0)", "an integer from 1 when there are subscriptions");
  }
  if (subscriptions === 0 && consumersPerSubscription > 0) {
    warn("consumerPerSubscription", "has no effect: subscriptionsPerTopic is 0 (a producer-only run)", "0, or set subscriptionsPerTopic above 0");
  }
  if (w.useRandomizedPayloads === true) {
    if (num(w.randomizedPayloadPoolSize) < 1) {
      problem("randomizedPayloadPoolSize", found.has("randomizedPayloadPoolSize") ? "is 0 but useRandomizedPayloads is true" : "missing (useRandomizedPayloads is true)", `an integer from 1 to ${L.randomizedPayloadPoolSize}`);
    }
    if (w.payloadFile !== undefined) {
      problem("payloadFile", "cannot be used with useRandomizedPayloads: true", "either payloadFile or useRandomizedPayloads");
    }
  } else if (w.useRandomizedPayloads === false) {
    // Java OMB's workload generator writes these at their defaults (0) into every file.
    for (const name of ["randomBytesRatio", "randomizedPayloadPoolSize"] as const) {
      if (num(w[name]) > 0) warn(name, "has no effect: useRandomizedPayloads is not true", "useRandomizedPayloads: true, or remove it");
    }
  }
  if (backlogGB > 0) {
    if (num(w.producerRate) <= 0) {
      problem("producerRate", `must be a fixed rate above 0 for a backlog test (consumerBacklogSizeGB is ${backlogGB})`, "an integer from 1");
    }
    if (subscriptions < 1) {
      problem("subscriptionsPerTopic", "must be above 0 for a backlog test: the backlog is drained by subscriptions", "an integer from 1");
    }
  } else if (backlogGB === 0 && w.backlogDrainRatio !== undefined && w.backlogDrainRatio !== 1) {
    warn("backlogDrainRatio", "has no effect: consumerBacklogSizeGB is 0", "consumerBacklogSizeGB above 0, or remove it");
  }
}

/** Reads payloadFile relative to the workload file, then to the cwd (where Java OMB resolves it). */
function readPayload(w: Workload, source: ConfigSource, problem: Report): Uint8Array | undefined {
  const candidates = [...new Set([resolve(source.dir, w.payloadFile!), resolve(w.payloadFile!)])];
  const found = candidates.map((path) => ({ path, stat: statOrUndefined(path) })).find((c) => c.stat?.isFile());
  if (!found) {
    problem("payloadFile", `no such file: ${candidates.join(" or ")}`, `a file of exactly messageSize (${w.messageSize}) bytes`);
    return undefined;
  }
  const { path, stat } = found;
  if (stat!.size !== w.messageSize) {
    problem("payloadFile", `${path} is ${stat!.size} bytes but messageSize is ${w.messageSize}`, "a payload file as long as messageSize");
    return undefined;
  }
  try {
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    problem("payloadFile", `cannot read ${path}: ${(error as Error).message}`);
    return undefined;
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
