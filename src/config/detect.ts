// Which kind of config file a text is, by its top-level keys: what `omb validate` does without --kind.
import { DRIVER_FIELDS } from "./driver-file";
import { spellings } from "./fields";
import type { ConfigSource } from "./source";
import { WORKLOAD_FIELDS } from "./workload-file";
import { parseYaml } from "./yaml-file";

export type ConfigKind = "workload" | "driver" | "workers";

const WORKLOAD_KEYS = spellings(Object.keys(WORKLOAD_FIELDS).filter((k) => k !== "name"));
const DRIVER_KEYS = spellings(Object.keys(DRIVER_FIELDS).filter((k) => k !== "name"));

/** The kind an embedded file was filed under, else the one whose keys the file uses most; undefined if none. */
export function detectKind(source: ConfigSource): ConfigKind | undefined {
  if (source.embedded) return source.embedded;
  let data: unknown;
  try {
    data = parseYaml(source).doc.toJS({ maxAliasCount: 50 });
  } catch {
    return undefined; // the checks of YamlFile report why
  }
  if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
  const keys = Object.keys(data);
  if (keys.includes("workers")) return "workers";
  const workload = keys.filter((k) => WORKLOAD_KEYS.has(k)).length;
  const driver = keys.filter((k) => DRIVER_KEYS.has(k)).length;
  if (!workload && !driver) return undefined;
  return driver > workload ? "driver" : "workload";
}
