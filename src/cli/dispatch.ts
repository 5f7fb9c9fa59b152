// What happens before citty runs a command: bare `omb` and `omb help [command]`
// print help (exit 0); an unknown command or flag is refused (exit 2) with the
// nearest known one; --help prints the command's usage with its examples,
// without colour when the output is not a terminal or NO_COLOR is set.
import { type ArgsDef, type CommandDef, renderUsage, runCommand } from "citty";
import { stripVTControlCharacters } from "node:util";
import { closest } from "../config/suggest";
import { ExitCode } from "../exit-codes";
import { EXAMPLES } from "./examples";
import { unknownFlags } from "./strict-args";

type Resolvable<T> = T | Promise<T> | (() => T) | (() => Promise<T>);
const resolve = async <T>(value: Resolvable<T>): Promise<T> => (typeof value === "function" ? (value as () => T | Promise<T>)() : value);

export async function dispatch(main: CommandDef, argv: string[]): Promise<void> {
  const subCommands = (await resolve(main.subCommands ?? {})) as Record<string, Resolvable<CommandDef>>;
  const [first, ...rest] = argv;
  if (first === undefined || first === "--help" || first === "-h") return help(main);
  if (first === "help") {
    const [name] = rest;
    if (name === undefined) return help(main);
    if (!(name in subCommands)) fail(`unknown command ${name}${suggest(name, Object.keys(subCommands))}`, "omb help");
    return help(await resolve(subCommands[name]!), main);
  }
  if (first === "--version") {
    process.stdout.write(`${((await resolve(main.meta ?? {})) as { version?: string }).version ?? ""}\n`);
    return;
  }
  if (!(first in subCommands)) {
    const what = first.startsWith("-") ? `unknown flag ${first}` : `unknown command ${first}${suggest(first, Object.keys(subCommands))}`;
    fail(what, "omb help");
  }
  const command = await resolve(subCommands[first]!);
  const flags = rest.slice(0, rest.includes("--") ? rest.indexOf("--") : undefined);
  if (flags.includes("--help") || flags.includes("-h")) return help(command, main);
  const problems = unknownFlags(rest, ((await resolve(command.args ?? {})) as ArgsDef));
  if (problems.length) fail(problems.map((p) => `omb ${first}: ${p}`).join("\n"), `omb ${first} --help`);
  try {
    await runCommand(main, { rawArgs: argv });
  } catch (error) {
    // citty's own usage errors (a missing or bad argument) are bad usage too.
    if ((error as Error).name === "CLIError") fail(`omb ${first}: ${stripVTControlCharacters((error as Error).message)}`, `omb ${first} --help`);
    throw error;
  }
}

function suggest(word: string, names: string[]): string {
  const near = closest(word, [...names.filter((n) => n !== "worker-child"), "help"], 1);
  return near.length ? ` (did you mean ${near[0]}?)` : "";
}

function fail(message: string, helpCommand: string): never {
  process.stderr.write(`${message}\nsee \`${helpCommand}\`\n`);
  process.exit(ExitCode.usage);
}

async function help(command: CommandDef, parent?: CommandDef): Promise<void> {
  const name = ((await resolve(command.meta ?? {})) as { name?: string }).name ?? "omb";
  const examples = EXAMPLES[name] ?? [];
  let text = await renderUsage(command, parent);
  if (examples.length) text += `\nEXAMPLES\n\n${examples.map((e) => `  $ ${e}`).join("\n")}\n`;
  const colour = process.stdout.isTTY && !process.env.NO_COLOR;
  process.stdout.write(`${colour ? text : stripVTControlCharacters(text)}\n`);
  process.exit(ExitCode.ok);
}
