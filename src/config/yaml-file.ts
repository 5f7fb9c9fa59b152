// A parsed YAML config file that remembers where everything is, so any problem
// found later (by valibot or by a cross-field rule) can name line and column.
import { LineCounter, type Node, type Pair, type YAMLMap, isMap, isScalar, isSeq, parseDocument, visit, type Document } from "yaml";
import type { ConfigProblem } from "./errors";
import type { ConfigSource } from "./source";
import { isPrototypeKey } from "../prototype-keys";

export type YamlPath = readonly (string | number)[];

export interface Position {
  line: number;
  col: number;
}

const parses = new WeakMap<ConfigSource, { doc: Document.Parsed; lines: LineCounter }>();

/**
 * The parsed document of a source, parsed once however many readers ask
 * (kind detection, then the checks). yaml's own duplicate-key check compares
 * each key with all before it (quadratic: 55 s for 80,000 keys); it is off, and
 * YamlFile finds doubled keys with one set per map.
 */
export function parseYaml(source: ConfigSource): { doc: Document.Parsed; lines: LineCounter } {
  let parsed = parses.get(source);
  if (!parsed) {
    const lines = new LineCounter();
    parsed = { doc: parseDocument(source.text, { lineCounter: lines, prettyErrors: true, uniqueKeys: false }), lines };
    parses.set(source, parsed);
  }
  return parsed;
}

export class YamlFile {
  readonly problems: ConfigProblem[] = [];
  /** The top-level map as plain data; undefined when the file is not a map. */
  readonly data: Record<string, unknown> | undefined;
  private readonly lines: LineCounter;
  private readonly doc: Document.Parsed;
  /** Each map's pairs by key, built on first use: locating every key of a big map stays linear. */
  private readonly pairsByKey = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(readonly source: ConfigSource) {
    ({ doc: this.doc, lines: this.lines } = parseYaml(source));
    for (const error of this.doc.errors) {
      const at = error.linePos?.[0];
      this.problems.push({
        file: source.file,
        line: at?.line,
        col: at?.col,
        field: "",
        problem: `YAML syntax: ${error.code === "MULTIPLE_DOCS" ? "the file holds more than one YAML document (---)" : error.message.replace(/ at line \d+, column \d+:[\s\S]*$/, "")}`,
      });
    }
    if (this.problems.length === 0) this.checkKeys();
    if (this.problems.length) return;
    const root = this.doc.contents;
    if (root === null || (isScalar(root) && (root.value === null || root.value === ""))) {
      this.problems.push({ file: source.file, field: "", problem: "the file is empty", expected: "a map of fields" });
    } else if (!isMap(root)) {
      this.problem([], "the top level is not a map of fields", "a map of fields, one `field: value` per line");
    } else {
      try {
        this.data = this.doc.toJS({ maxAliasCount: 50 }) as Record<string, unknown>;
      } catch (error) {
        // yaml refuses alias bombs here, after parsing.
        this.problems.push({ file: source.file, field: "", problem: `YAML: ${(error as Error).message}` });
      }
    }
  }

  /** Where the value (or, with part "key", the key) at `path` starts; the nearest existing parent otherwise. */
  locate(path: YamlPath, part: "key" | "value" = "value"): Position {
    let node: unknown = this.doc.contents;
    let found = node as Node | null;
    for (const [i, segment] of path.entries()) {
      if (isMap(node)) {
        const pair = this.pairOf(node, String(segment));
        if (!pair) break;
        const last = i === path.length - 1;
        node = last && part === "key" ? pair.key : (pair.value ?? pair.key);
      } else if (isSeq(node) && typeof segment === "number" && node.items[segment]) {
        node = node.items[segment];
      } else {
        break;
      }
      found = node as Node;
    }
    const offset = found?.range?.[0] ?? 0;
    return this.lines.linePos(offset);
  }

  /**
   * Every key given twice in one map, and every key that names a prototype
   * slot (`__proto__`, `constructor`, `prototype`: no config field is called
   * so, and such keys reshape objects that code builds from the file).
   */
  private checkKeys(): void {
    visit(this.doc, {
      Map: (_, map) => {
        const seen = new Set<unknown>();
        for (const pair of map.items) {
          if (!isScalar(pair.key)) continue;
          const key = pair.key.value;
          const problem = seen.has(key)
            ? "YAML syntax: Map keys must be unique"
            : isPrototypeKey(key)
              ? `YAML: the key ${JSON.stringify(key)} is refused (a prototype name, never a config field)`
              : undefined;
          if (problem) {
            const { line, col } = this.lines.linePos(pair.key.range?.[0] ?? 0);
            this.problems.push({ file: this.source.file, line, col, field: String(key), problem });
          }
          seen.add(key);
        }
      },
    });
  }

  private pairOf(map: YAMLMap, key: string): Pair | undefined {
    let index = this.pairsByKey.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        // The first of doubled keys, as a linear search would find it.
        if (isScalar(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair);
      }
      this.pairsByKey.set(map, index);
    }
    return index.get(key);
  }

  /** The YAML node at `path`, for readers that need its style or exact source (properties text). */
  node(path: YamlPath): Node | undefined {
    const n = this.doc.getIn(path, true);
    return n && typeof n === "object" ? (n as Node) : undefined;
  }

  /** A problem located at `path`; the field is the dotted path unless given. */
  at(path: YamlPath, problem: string, expected?: string, part: "key" | "value" = "value", field?: string): ConfigProblem {
    const { line, col } = this.locate(path, part);
    return { file: this.source.file, line, col, field: field ?? path.join("."), problem, expected };
  }

  /** Records a problem at `path` (see `at`). */
  problem(path: YamlPath, problem: string, expected?: string, part: "key" | "value" = "value", field?: string): void {
    this.problems.push(this.at(path, problem, expected, part, field));
  }
}
