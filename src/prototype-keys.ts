// Keys that name a prototype slot. Parsed input (HTTP bodies, YAML files, IPC
// messages) never needs them, and an object built from input that holds one
// can get a new prototype or shadow a constructor, so every boundary refuses them.

const PROTOTYPE_KEYS: ReadonlySet<unknown> = new Set(["__proto__", "constructor", "prototype"]);

export function isPrototypeKey(key: unknown): boolean {
  return PROTOTYPE_KEYS.has(key);
}

/** The dotted path of the first prototype key anywhere in a JSON value, or undefined. */
export function findPrototypeKey(value: unknown, path = ""): string | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, child] of entries) {
    const at = path ? `${path}.${key}` : key;
    if (!Array.isArray(value) && isPrototypeKey(key)) return at;
    const found = findPrototypeKey(child, at);
    if (found) return found;
  }
  return undefined;
}
