// The workloads and driver configs embedded in the binary, for `omb list` and `omb show`.
import catalogue from "omb:catalogue";
import type { CatalogueKind } from "./source";

export interface CatalogueEntry {
  kind: CatalogueKind;
  name: string;
  /** The file's first line, a `# ` comment. */
  description: string;
  /** Path in the repository (workloads/… or configs/…). */
  file: string;
}

export function listCatalogue(): CatalogueEntry[] {
  return catalogue.map((f) => ({ kind: f.kind, name: f.name, description: describe(f.text), file: f.file }));
}

function describe(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? "";
  return first.startsWith("# ") ? first.slice(2).trim() : "";
}

/** The text of an embedded file, exactly as shipped (`omb show`); undefined when there is none of that name. */
export function embeddedText(name: string): { kind: CatalogueKind; text: string } | undefined {
  const hit = catalogue.find((f) => f.name === name);
  return hit ? { kind: hit.kind, text: hit.text } : undefined;
}
