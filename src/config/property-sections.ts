// One section of a driver config (topicConfig, commonConfig, producerConfig,
// consumerConfig), written as Java properties text or as a YAML map, read into
// typed properties. Problems and warnings keep the line and column in the file.
import { isScalar, type Scalar } from "yaml";
import type { ConfigProblem } from "./errors";
import { type Env, interpolate } from "./interpolate";
import { isKafkaConfig } from "./kafka-config-names";
import { findProperty, isSecretKey, type PropertySection, propertyKeys } from "./kafka-properties";
import { parsePropertiesText, type TextPosition } from "./properties-text";
import { describeType, typeValue } from "./property-values";
import { didYouMean } from "./suggest";
import type { DriverClient, Properties } from "./types";
import type { Position, YamlFile } from "./yaml-file";
import { isPrototypeKey } from "../prototype-keys";

export interface SectionResult {
  properties: Properties;
  /** Where each key was written (also keys whose value was refused), for the cross-section rules. */
  positions: Map<string, Position>;
  warnings: ConfigProblem[];
}

interface RawProperty {
  key: string;
  raw: string | number | boolean;
  keyAt: Position;
  valueAt: Position;
}

/**
 * Reads the section written under `written` (its spelling in the file).
 * Errors go to `file.problems`; unknown keys, keys `client` does not support and cautioned ones come back as warnings.
 */
export function readSection(file: YamlFile, written: string, section: PropertySection, env: Env, client: DriverClient): SectionResult {
  const out: SectionResult = { properties: {}, positions: new Map(), warnings: [] };
  const at = (p: Position, key: string, problem: string, expected?: string): ConfigProblem => ({
    file: file.source.file,
    line: p.line,
    col: p.col,
    field: `${written}.${key}`,
    problem,
    expected,
  });
  const firstAt = new Map<string, Position>();
  for (const { key, raw, keyAt, valueAt } of rawProperties(file, written)) {
    // Properties text (`key=value` lines) is parsed here, not by YAML: its keys are checked here too.
    if (isPrototypeKey(key)) {
      file.problems.push(at(keyAt, key, "is refused (a prototype name, never a Kafka property)"));
      continue;
    }
    const first = firstAt.get(key);
    if (first) {
      file.problems.push(at(keyAt, key, `is given twice (first on line ${first.line})`, "each key once per section"));
      continue;
    }
    firstAt.set(key, keyAt);
    out.positions.set(key, keyAt);
    const secret = isSecretKey(key);
    let value = raw;
    if (typeof raw === "string") {
      const r = interpolate(raw, env);
      if ("problem" in r) {
        file.problems.push(at(valueAt, key, r.problem));
        continue;
      }
      value = r.value;
    }
    const spec = findProperty(section, key);
    if (!spec) {
      out.properties[key] = typeof value === "string" ? value.trim() : value;
      out.warnings.push(
        at(keyAt, key, isKafkaConfig(section, key)
          ? `not supported by ${client}: a Kafka setting omb does not pass on (it has no effect)`
          : `unknown property: Kafka has no such setting${didYouMean(key, propertyKeys(section))}`),
      );
      continue;
    }
    const shown = secret ? "the value" : typeof value === "string" ? JSON.stringify(value.trim()) : String(value);
    const typed = typeValue(spec.type, value, shown);
    if ("problem" in typed) {
      file.problems.push(at(valueAt, key, typed.problem, describeType(spec.type)));
      continue;
    }
    out.properties[key] = typed.value;
    const how = spec.how[client];
    if (how.status === "unsupported") out.warnings.push(at(keyAt, key, `unsupported by ${client}: ${how.note}`));
    const caution = spec.caution?.(typed.value);
    if (caution) out.warnings.push(at(keyAt, key, caution));
  }
  return out;
}

function rawProperties(file: YamlFile, written: string): RawProperty[] {
  const value = file.data?.[written];
  if (value === undefined || value === null) return [];
  if (typeof value === "string") return fromText(file, written, value);
  // Any other shape is reported by the section's field schema.
  if (typeof value !== "object" || Array.isArray(value)) return [];
  const out: RawProperty[] = [];
  for (const [key, raw] of Object.entries(value as Record<string, unknown>)) {
    const keyAt = file.locate([written, key], "key");
    const valueAt = file.locate([written, key], "value");
    if (typeof raw === "string" || typeof raw === "number" || typeof raw === "boolean") {
      out.push({ key, raw, keyAt, valueAt });
    } else if (raw === null || raw === undefined) {
      file.problem([written, key], "has no value", "a value (write \"\" for an empty one)");
    } else {
      file.problem([written, key], `is ${Array.isArray(raw) ? "a list" : "a nested map"}`, "one value; write dotted keys such as linger.ms: 5");
    }
  }
  return out;
}

function fromText(file: YamlFile, written: string, text: string): RawProperty[] {
  const node = file.node([written]);
  if (isScalar(node) && node.type === "BLOCK_FOLDED" && blockLines(file, node).length > 1) {
    file.problem([written], "is a folded block (>), which joins the lines into one", "a literal block (|) for properties text");
    return [];
  }
  const place = textMapper(file, written);
  const parsed = parsePropertiesText(text);
  for (const p of parsed.problems) {
    const pos = place(p.at);
    file.problems.push({ file: file.source.file, line: pos.line, col: pos.col, field: written, problem: `properties syntax: ${p.problem}` });
  }
  return parsed.entries.map((e) => ({ key: e.key, raw: e.value, keyAt: place(e.keyAt), valueAt: place(e.valueAt) }));
}

/** Maps a position in the scalar's text to the file: exact for block scalars and one-line scalars. */
function textMapper(file: YamlFile, written: string): (p: TextPosition) => Position {
  const node = file.node([written]);
  const start = file.locate([written]);
  if (!isScalar(node) || !node.range) return () => start;
  if (node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED") {
    const content = blockLines(file, node);
    const indent = Math.min(...content.map((l) => l.length - l.trimStart().length));
    return (p) => ({ line: start.line + p.line, col: indent + p.col });
  }
  const quote = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE" ? 1 : 0;
  if (!/[\r\n]/.test(file.source.text.slice(node.range[0], node.range[1]))) return (p) => ({ line: start.line, col: start.col + quote + p.col - 1 });
  return () => start;
}

/** The non-blank source lines of a block scalar, indentation included. */
function blockLines(file: YamlFile, node: Scalar): string[] {
  const [from, to] = node.range ?? [0, 0];
  return file.source.text.slice(from, to).split(/\r\n|\r|\n/).slice(1).filter((l) => l.trim());
}
