// What `omb validate` does for one file: read it (path, embedded name or `-`), tell
// its kind, run that kind's checks, and report every problem and warning.
import { checkDriverConfig, type DriverLoadOptions } from "./driver-file";
import { detectKind, type ConfigKind } from "./detect";
import { ConfigError, type ConfigProblem } from "./errors";
import { type ConfigSource, readFileSource, readSource, STDIN_REF } from "./source";
import { checkWorkersFile } from "./workers-file";
import { checkWorkload } from "./workload-file";
import { YamlFile } from "./yaml-file";

export interface FileReport {
  /** As shown in messages: the path, or "embedded:<name>". */
  file: string;
  kind?: ConfigKind;
  ok: boolean;
  problems: ConfigProblem[];
  warnings: ConfigProblem[];
}

export interface CheckFileOptions extends Pick<DriverLoadOptions, "strict" | "bootstrapServers" | "env"> {
  /** Skip detection and check the file as this kind. */
  kind?: ConfigKind;
}

export function checkFile(ref: string, options: CheckFileOptions = {}): FileReport {
  let source: ConfigSource;
  try {
    source = options.kind === "workers" && ref !== STDIN_REF ? readFileSource(ref) : readSource(ref, options.kind === "workers" ? undefined : options.kind);
  } catch (error) {
    if (error instanceof ConfigError) return report(ref, undefined, error.problems);
    throw error;
  }
  const kind = options.kind ?? detectKind(source);
  switch (kind) {
    case "workload": {
      const checked = checkWorkload(source);
      return report(source.file, kind, checked.problems, checked.warnings);
    }
    case "driver": {
      const checked = checkDriverConfig(source, options);
      return report(source.file, kind, checked.problems, checked.warnings);
    }
    case "workers":
      return report(source.file, kind, checkWorkersFile(source).problems);
    case undefined: {
      const syntax = new YamlFile(source).problems;
      const unknown: ConfigProblem = {
        file: source.file,
        field: "",
        problem: "has none of the fields of a workload, a driver config or a workers file",
        expected: "--kind workload|driver|workers to check it as one",
      };
      return report(source.file, undefined, syntax.length ? syntax : [unknown]);
    }
  }
}

function report(file: string, kind: ConfigKind | undefined, problems: ConfigProblem[], warnings: ConfigProblem[] = []): FileReport {
  return { file, ...(kind ? { kind } : {}), ok: problems.length === 0, problems, warnings };
}
