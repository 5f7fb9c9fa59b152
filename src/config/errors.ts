// Every problem a user can act on names the file, where in it, the field, what
// is wrong and what was expected. Loaders collect all of them before throwing.

export interface ConfigProblem {
  /** Path as given, or "embedded:<name>". */
  file: string;
  /** 1-based; absent when the problem is about the file as a whole. */
  line?: number;
  col?: number;
  /** Dotted field name as written in the file (e.g. "producerConfig.acks"); "" for the whole file. */
  field: string;
  problem: string;
  expected?: string;
}

/** `file:line:col field: problem (expected …)`, leaving out the parts that are not known. */
export function formatProblem(p: ConfigProblem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.col ?? 1}` : p.file;
  const field = p.field ? ` ${p.field}:` : ":";
  const expected = p.expected ? ` (expected ${p.expected})` : "";
  return `${where}${field} ${p.problem}${expected}`;
}

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join("\n"));
    this.name = "ConfigError";
  }

  format(): string {
    return this.message;
  }
}

/** Names the type of a parsed YAML value the way a user reads it. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (ArrayBuffer.isView(value)) return "binary data";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return `the text ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}
