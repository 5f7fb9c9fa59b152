// The workloads and driver configs embedded in the binary, for `omb list`.
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
