// The few pieces of HTML every section writes: escaped text, tables, lists.
export function esc(text: unknown): string {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface Column<T> {
  head: string;
  /** Already-escaped HTML of the cell. */
  cell(row: T): string;
  num?: boolean;
}

export function table<T>(rows: readonly T[], columns: readonly Column<T>[], attrs = ""): string {
  const cls = (c: Column<T>) => (c.num ? ' class="num"' : "");
  const head = columns.map((c) => `<th${cls(c)}>${esc(c.head)}</th>`).join("");
  const body = rows.map((r) => `<tr>${columns.map((c) => `<td${cls(c)}>${c.cell(r)}</td>`).join("")}</tr>`).join("\n");
  return `<table${attrs}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A definition list of label → already-escaped HTML value. */
export function fields(entries: readonly [string, string][]): string {
  return `<dl class="fields">${entries.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join("")}</dl>`;
}

/** camelCase → words: "receivedAfterFailedSend" → "received after failed send". */
export function words(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
}
