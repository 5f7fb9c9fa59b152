// The one check of every command's flags against the command's own citty
// `args`: a flag the command does not define is refused (exit 2) with the
// nearest one it does, instead of being ignored as citty would. A flag added
// to a command's `args` is known here without further work.
import type { ArgsDef } from "citty";
import { closest } from "../config/suggest";

interface KnownFlag {
  /** Takes the next token as its value (string and enum flags). */
  takesValue: boolean;
  /** The spelling shown in messages. */
  display: string;
}

/** Flags every command accepts (citty answers them). */
const GLOBAL: Record<string, KnownFlag> = {
  help: { takesValue: false, display: "--help" },
  h: { takesValue: false, display: "-h" },
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function knownFlags(args: ArgsDef): Map<string, KnownFlag> {
  const known = new Map(Object.entries(GLOBAL));
  for (const [name, def] of Object.entries(args)) {
    if (def.type === "positional") continue;
    const flag = { takesValue: def.type !== "boolean", display: `--${kebab(name)}` };
    known.set(kebab(name), flag);
    // citty's `--no-x` for booleans.
    if (def.type === "boolean") known.set(`no-${kebab(name)}`, { takesValue: false, display: `--no-${kebab(name)}` });
    const aliases = "alias" in def ? def.alias : undefined;
    for (const alias of aliases === undefined ? [] : Array.isArray(aliases) ? aliases : [aliases]) known.set(alias, { ...flag, display: `-${alias}` });
  }
  return known;
}

/** One message per flag of `argv` that `args` does not define, with a suggestion when one is close. */
export function unknownFlags(argv: readonly string[], args: ArgsDef): string[] {
  const known = knownFlags(args);
  const problems: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === "--") break;
    if (!token.startsWith("-") || token === "-" || /^-\d/.test(token)) continue;
    const [name, inline] = splitFlag(token);
    const flag = known.get(name);
    if (flag) {
      if (flag.takesValue && inline === undefined) i++;
      continue;
    }
    const near = closest(name, [...known.keys()].filter((k) => k.length > 1 && k !== "help"), 1).map((k) => known.get(k)!.display);
    problems.push(`unknown flag ${token.split("=")[0]}${near.length ? ` (did you mean ${near[0]}?)` : ""}`);
  }
  return problems;
}

function splitFlag(token: string): [string, string | undefined] {
  const body = token.replace(/^--?/, "");
  const eq = body.indexOf("=");
  return eq < 0 ? [body, undefined] : [body.slice(0, eq), body.slice(eq + 1)];
}
