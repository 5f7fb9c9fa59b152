// Turns a property's text (or YAML scalar) into the typed value its catalogue
// entry asks for, or says what is wrong with it.
import { parseJaasConfig } from "./jaas";
import type { PropertyType } from "./kafka-properties";
import { didYouMean } from "./suggest";
import type { PropertyValue } from "./types";

export type TypedValue = { value: PropertyValue } | { problem: string };

/** What a good value looks like, for "(expected …)". */
export function describeType(type: PropertyType): string {
  switch (type.kind) {
    case "int":
      return type.max >= Number.MAX_SAFE_INTEGER ? `an integer from ${type.min}` : `an integer from ${type.min} to ${type.max}`;
    case "number":
      return `a number from ${type.min} to ${type.max}`;
    case "bool":
      return "true or false";
    case "string":
      return "text";
    case "enum":
      return `one of ${type.values.map((x) => (x === "" ? '"" (empty)' : x)).join(" | ")}`;
    case "list":
      return `a comma-separated list of ${type.values.join(", ")}`;
    case "hosts":
      return "host:port[,host:port…]";
    case "jaas":
      return '<LoginModule> required username="…" password="…";';
  }
}

/**
 * `shown` is how the value may appear in a message (a placeholder for secrets).
 * Text is trimmed first, as Kafka's ConfigDef does.
 */
export function typeValue(type: PropertyType, raw: string | number | boolean, shown: string): TypedValue {
  const text = String(raw).trim();
  switch (type.kind) {
    case "int": {
      const n = typeof raw === "number" ? raw : /^[+-]?\d+$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isInteger(n)) return { problem: `${shown} is not an integer` };
      if (n < type.min) return { problem: `${shown} is below the minimum ${type.min}` };
      if (n > type.max) return { problem: `${shown} is above the maximum ${type.max}` };
      return { value: n };
    }
    case "number": {
      const n = typeof raw === "number" ? raw : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : Number.NaN;
      if (!Number.isFinite(n)) return { problem: `${shown} is not a number` };
      if (n < type.min || n > type.max) return { problem: `${shown} is out of range` };
      return { value: n };
    }
    case "bool": {
      if (typeof raw === "boolean") return { value: raw };
      const lower = text.toLowerCase();
      return lower === "true" || lower === "false" ? { value: lower === "true" } : { problem: `${shown} is not a boolean` };
    }
    case "string":
      return { value: text };
    case "enum": {
      const hit = type.values.find((x) => x.toLowerCase() === text.toLowerCase());
      if (hit === undefined) return { problem: `${shown} is not an allowed value${didYouMean(text, type.values.filter(Boolean))}` };
      return { value: type.as?.[hit] ?? hit };
    }
    case "list": {
      const items = text.split(",").map((x) => x.trim().toLowerCase());
      const bad = items.find((x) => !type.values.includes(x));
      if (bad !== undefined) return { problem: bad ? `"${bad}" is not an allowed value` : "has an empty item" };
      return { value: items.join(",") };
    }
    case "hosts":
      return typeHosts(text);
    case "jaas": {
      const jaas = parseJaasConfig(text);
      if ("problem" in jaas) return jaas;
      const missing = ["username", "password"].filter((k) => !(k in jaas.options));
      return missing.length ? { problem: `has no ${missing.join(" or ")} option` } : { value: text };
    }
  }
}

const HOST_PORT = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/** Kafka skips empty entries of the list; each other entry must be host:port. */
function typeHosts(text: string): TypedValue {
  const entries = text.split(",").map((x) => x.trim()).filter(Boolean);
  if (!entries.length) return { problem: "is empty" };
  for (const entry of entries) {
    const m = HOST_PORT.exec(entry);
    const port = m ? Number(m[3]) : 0;
    if (!m || port < 1 || port > 65535) {
      return { problem: `${JSON.stringify(entry)} is not host:port with a port from 1 to 65535` };
    }
  }
  return { value: entries.join(",") };
}
