// A parsed YAML config file that remembers where everything is, so any problem
// found later (by valibot or by a cross-field rule) can name line and column.
import { LineCounter, type Node, isMap, isScalar, isSeq, parseDocument, type Document } from "yaml";
import type { ConfigProblem } from "./errors";
import type { ConfigSource } from "./source";

export type YamlPath = readonly (string | number)[];

export interface Position {
  line: number;
  col: number;
}

export class YamlFile {
  readonly problems: ConfigProblem[] = [];
  /** The top-level map as plain data; undefined when the file is not a map. */
  readonly data: Record<string, unknown> | undefined;
  private readonly lines = new LineCounter();
  private readonly doc: Document.Parsed;

  constructor(readonly source: ConfigSource) {
    this.doc = parseDocument(source.text, { lineCounter: this.lines, prettyErrors: true });
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
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
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
