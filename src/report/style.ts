// Colour for console output, off when NO_COLOR is set or the stream is not a
// terminal. Renderers take a Style so that they stay pure and testable.
import { colors } from "consola/utils";

export interface Style {
  ok(text: string): string;
  bad(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const identity = (text: string) => text;

export const PLAIN: Style = { ok: identity, bad: identity, warn: identity, dim: identity, bold: identity };

const COLORED: Style = { ok: colors.green, bad: colors.red, warn: colors.yellow, dim: colors.gray, bold: colors.bold };

export function styleFor(stream: { isTTY?: boolean }): Style {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== "";
  return !noColor && stream.isTTY ? COLORED : PLAIN;
}
