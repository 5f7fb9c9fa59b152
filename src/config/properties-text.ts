// Java `.properties` text as java.util.Properties.load reads it (the format of
// Java OMB's driver configs): `=`, `:` or whitespace between key and value,
// `#`/`!` comment lines, backslash continuations, `\uXXXX` and the other
// escapes. Every entry keeps where its key and value start, so a bad value can
// be pointed at inside the YAML file that carries the text.

export interface TextPosition {
  /** 1-based, within the properties text. */
  line: number;
  col: number;
}

export interface PropertyEntry {
  key: string;
  value: string;
  keyAt: TextPosition;
  valueAt: TextPosition;
}

export interface PropertiesSyntaxProblem {
  at: TextPosition;
  problem: string;
}

export interface ParsedProperties {
  entries: PropertyEntry[];
  problems: PropertiesSyntaxProblem[];
}

export function parsePropertiesText(text: string): ParsedProperties {
  const entries: PropertyEntry[] = [];
  const problems: PropertiesSyntaxProblem[] = [];
  for (const logical of logicalLines(text, problems)) {
    const { chars, at } = logical;
    if (chars.length === 0) continue;
    let keyEnd = 0;
    let valueStart = chars.length;
    let hasSeparator = false;
    let escaped = false;
    for (; keyEnd < chars.length; keyEnd++) {
      const c = chars[keyEnd]!;
      if (!escaped && (c === "=" || c === ":")) {
        valueStart = keyEnd + 1;
        hasSeparator = true;
        break;
      }
      if (!escaped && isBlank(c)) {
        valueStart = keyEnd + 1;
        break;
      }
      escaped = c === "\\" ? !escaped : false;
    }
    while (valueStart < chars.length) {
      const c = chars[valueStart]!;
      if (!isBlank(c)) {
        if (hasSeparator || (c !== "=" && c !== ":")) break;
        hasSeparator = true;
      }
      valueStart++;
    }
    const before = problems.length;
    const key = unescape(chars, 0, keyEnd, at, problems);
    const value = unescape(chars, valueStart, chars.length, at, problems);
    if (problems.length > before) continue;
    if (key === "") {
      problems.push({ at: at[0]!, problem: "a line with a value but no key" });
      continue;
    }
    const valueAt = at[valueStart] ?? after(at[chars.length - 1]!);
    entries.push({ key, value, keyAt: at[0]!, valueAt });
  }
  return { entries, problems };
}

interface LogicalLine {
  chars: string[];
  /** Position of every char of `chars` in the text. */
  at: TextPosition[];
}

/** Joins continued lines and drops blank and comment lines, keeping positions. */
function logicalLines(text: string, problems: PropertiesSyntaxProblem[]): LogicalLine[] {
  const natural = text.split(/\r\n|\r|\n/);
  const out: LogicalLine[] = [];
  let current: LogicalLine | undefined;
  natural.forEach((line, index) => {
    let start = 0;
    while (start < line.length && isBlank(line[start]!)) start++;
    if (!current) {
      if (start === line.length || line[start] === "#" || line[start] === "!") return;
      current = { chars: [], at: [] };
    }
    let end = line.length;
    let backslashes = 0;
    while (backslashes < end && line[end - 1 - backslashes] === "\\") backslashes++;
    const continues = backslashes % 2 === 1;
    if (continues) end--;
    for (let i = start; i < end; i++) {
      current.chars.push(line[i]!);
      current.at.push({ line: index + 1, col: i + 1 });
    }
    if (!continues) {
      out.push(current);
      current = undefined;
    } else if (index === natural.length - 1 || (index === natural.length - 2 && natural[index + 1] === "")) {
      problems.push({ at: { line: index + 1, col: line.length }, problem: "the last line ends with a \\ that continues it, but nothing follows" });
      out.push(current);
      current = undefined;
    }
  });
  return out;
}

function unescape(chars: string[], from: number, to: number, at: TextPosition[], problems: PropertiesSyntaxProblem[]): string {
  let out = "";
  for (let i = from; i < to; i++) {
    const c = chars[i]!;
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = chars[++i];
    if (next === undefined || i >= to) break;
    if (next === "u") {
      const hex = chars.slice(i + 1, Math.min(i + 5, to)).join("");
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        problems.push({ at: at[i - 1]!, problem: `malformed \\u escape "\\u${hex}"; a \\u needs four hex digits` });
        return out;
      }
      out += String.fromCharCode(Number.parseInt(hex, 16));
      i += 4;
    } else {
      out += ESCAPES[next] ?? next;
    }
  }
  return out;
}

const ESCAPES: Record<string, string> = { t: "\t", n: "\n", r: "\r", f: "\f" };

function isBlank(c: string): boolean {
  return c === " " || c === "\t" || c === "\f";
}

function after(p: TextPosition): TextPosition {
  return { line: p.line, col: p.col + 1 };
}
