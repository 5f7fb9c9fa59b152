// Workers files, as Java OMB's --workers-file: `workers: [http://host:port, …]`.
import * as v from "valibot";
import { ConfigError, type ConfigProblem } from "./errors";
import { findFields, parseFields } from "./fields";
import { type ConfigSource, readFileSource } from "./source";
import type { LoadedWorkers } from "./types";
import { YamlFile } from "./yaml-file";

/** Loads a workers file; throws ConfigError listing every problem. */
export function loadWorkersFile(path: string): LoadedWorkers {
  const { loaded, problems } = checkWorkersFile(readFileSource(path));
  if (!loaded) throw new ConfigError(problems);
  return loaded;
}

const URL_SHAPE = "http(s)://host:port";

/** A worker URL without its trailing slash, or the problem with it (also for `--workers URL,URL`). */
export function checkWorkerUrl(url: string): { url: string } | { problem: string } {
  const m = /^(https?):\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})\/?$/.exec(url.trim());
  if (!m) {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1];
    if (scheme && !/^https?$/i.test(scheme)) return { problem: `${JSON.stringify(url)} uses ${scheme}://` };
    return { problem: `${JSON.stringify(url)} is not a worker URL with host and port` };
  }
  const port = Number(m[4]);
  if (port < 1 || port > 65535) return { problem: `${JSON.stringify(url)} has port ${port}` };
  return { url: url.trim().replace(/\/$/, "") };
}

const WORKERS_FIELDS = {
  workers: {
    schema: v.pipe(v.array(v.string()), v.minLength(1)),
    expected: `a list of ${URL_SHAPE}`,
  },
};

export function checkWorkersFile(source: ConfigSource): { loaded?: LoadedWorkers; problems: ConfigProblem[] } {
  const file = new YamlFile(source);
  if (!file.data) return { problems: file.problems };
  const found = findFields(file, Object.keys(WORKERS_FIELDS));
  const { values, ok } = parseFields(file, WORKERS_FIELDS, found);
  const workers: string[] = [];
  if (ok) {
    (values.workers as string[]).forEach((raw, i) => {
      const checked = checkWorkerUrl(raw);
      const field = `workers[${i}]`;
      if ("problem" in checked) file.problem(["workers", i], checked.problem, URL_SHAPE, "value", field);
      else if (workers.includes(checked.url)) file.problem(["workers", i], `${checked.url} is listed twice`, "each worker once", "value", field);
      else workers.push(checked.url);
    });
  }
  if (file.problems.length) return { problems: file.problems };
  return { loaded: { workers, source: source.file }, problems: [] };
}
