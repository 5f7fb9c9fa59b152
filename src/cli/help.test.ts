// Every command's --help ends with examples, and every example is a command
// line that command accepts (its flags pass the same check a user's do).
import { expect, test } from "bun:test";
import type { ArgsDef, CommandDef } from "citty";
import { main } from "./commands";
import { EXAMPLES } from "./examples";
import { unknownFlags } from "./strict-args";

const subCommands = main.subCommands as Record<string, () => Promise<CommandDef>>;
const visible = Object.keys(subCommands).filter((name) => name !== "worker-child");

test.each(visible)("omb %s: examples that use only its own flags", async (name) => {
  const command = await subCommands[name]!();
  const examples = EXAMPLES[name] ?? [];
  expect(examples.length).toBeGreaterThan(0);
  const args = (typeof command.args === "function" ? await command.args() : command.args ?? {}) as ArgsDef;
  for (const example of examples) {
    // The part of a pipeline that runs this command, without redirections.
    const own = example.split(" | ").find((part) => part.startsWith(`omb ${name}`));
    expect(own, example).toBeDefined();
    const words = own!.replace(/ [<>] .*$/, "").split(" ");
    expect(unknownFlags(words.slice(2), args)).toEqual([]);
  }
});

test("no examples for commands that do not exist", () => {
  expect(Object.keys(EXAMPLES).filter((n) => n !== "omb" && !visible.includes(n))).toEqual([]);
});
