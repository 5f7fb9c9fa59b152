// Driver config files: Java OMB's Kafka driver schema (name, driverClass,
// replicationFactor, reset and the four property sections), with typed values,
// ${ENV} interpolation and a bootstrap servers override.
import * as v from "valibot";
import { ConfigError, type ConfigProblem } from "./errors";
import { boolField, findFields, type FieldDefs, intField, nameField, parseFields, textField } from "./fields";
import type { Env } from "./interpolate";
import type { PropertySection } from "./kafka-properties";
import { readSection, type SectionResult } from "./property-sections";
import { describeType, typeValue } from "./property-values";
import { type ConfigSource, readSource } from "./source";
import { DEFAULT_CLIENT, DRIVER_CLIENTS, type DriverClient, type DriverConfig, type LoadedDriverConfig } from "./types";
import { type Position, YamlFile } from "./yaml-file";

/** A key's section as written in the file, and where the key is (unknown when it is not written). */
type Where = [section: string, at: Position | undefined];

export interface DriverLoadOptions {
  /** Replaces commonConfig bootstrap.servers (the run commands' --bootstrap-servers). */
  bootstrapServers?: string;
  /** Unknown and unsupported keys become errors instead of warnings. */
  strict?: boolean;
  /** Variables for ${VAR} (default: process.env). */
  env?: Env;
  /** Replaces the file's client (the run commands' --client). */
  client?: DriverClient;
}

/** Loads a driver config by path or embedded name; throws ConfigError listing every problem. */
export function loadDriverConfig(ref: string, options: DriverLoadOptions = {}): LoadedDriverConfig {
  const { loaded, problems, warnings } = checkDriverConfig(readSource(ref, "driver"), options);
  if (!loaded) throw new ConfigError(problems);
  return { ...loaded, warnings: warnings.map((w) => `${w.field}: ${w.problem}`) };
}

/**
 * driverClass values: Java OMB's and the seeds' (the default client, or the
 * file's `client:`) and each client's short name (that client).
 */
export const DRIVER_CLASSES: Readonly<Record<string, DriverClient | undefined>> = {
  "io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver": undefined,
  "benchmark.drivers.kafka.KafkaDriver": undefined,
  ...Object.fromEntries(DRIVER_CLIENTS.map((c) => [c, c])),
};

const SECTIONS: PropertySection[] = ["topicConfig", "commonConfig", "producerConfig", "consumerConfig"];

const SECTION_FIELD = {
  schema: v.custom((x) => x === undefined || x === null || typeof x === "string" || (typeof x === "object" && !Array.isArray(x))),
  expected: "properties text (key=value lines) or a map of property: value",
};

export const DRIVER_FIELDS: FieldDefs = {
  name: nameField(),
  driverClass: {
    schema: v.picklist(Object.keys(DRIVER_CLASSES)),
    expected: `one of ${Object.keys(DRIVER_CLASSES).join(", ")}`,
    choices: Object.keys(DRIVER_CLASSES),
  },
  client: {
    schema: v.optional(v.picklist(DRIVER_CLIENTS)),
    expected: `one of ${DRIVER_CLIENTS.join(", ")} (default ${DEFAULT_CLIENT})`,
    choices: DRIVER_CLIENTS,
  },
  replicationFactor: intField(1, 32767, 1),
  reset: boolField(false),
  ...Object.fromEntries(SECTIONS.map((s) => [s, SECTION_FIELD])),
};

export interface CheckedDriver {
  loaded?: Omit<LoadedDriverConfig, "warnings">;
  problems: ConfigProblem[];
  /** Unknown and unsupported keys and other legal-but-doubtful settings (empty with --strict: they are problems then). */
  warnings: ConfigProblem[];
}

/** Checks a driver config's text; `loaded` is set only when there is no problem. */
export function checkDriverConfig(source: ConfigSource, options: DriverLoadOptions = {}): CheckedDriver {
  const file = new YamlFile(source);
  if (!file.data) return { problems: file.problems, warnings: [] };
  const found = findFields(file, Object.keys(DRIVER_FIELDS));
  const { values } = parseFields(file, DRIVER_FIELDS, found);
  const env = options.env ?? process.env;
  const client = chooseClient(file, values, options.client);
  const sections = {} as Record<PropertySection, SectionResult>;
  for (const s of SECTIONS) {
    const written = found.get(s)?.key ?? s;
    sections[s] = readSection(file, written, s, env, client);
  }
  const warnings = SECTIONS.flatMap((s) => sections[s].warnings);
  const rules = new SectionRules(file, found, sections, warnings);
  rules.bootstrap(options.bootstrapServers);
  rules.idempotence();
  rules.sasl();
  rules.heartbeat();

  if (options.strict) file.problems.push(...warnings.splice(0).map((w) => ({ ...w, problem: `${w.problem} (an error with --strict)` })));
  if (file.problems.length) return { problems: file.problems, warnings };
  const driverClass = values.driverClass as string;
  const driver: DriverConfig = {
    name: (values.name as string | undefined) ?? source.stem,
    driverClass,
    client,
    replicationFactor: values.replicationFactor as number,
    reset: values.reset as boolean,
    topicConfig: sections.topicConfig.properties,
    commonConfig: sections.commonConfig.properties,
    producerConfig: sections.producerConfig.properties,
    consumerConfig: sections.consumerConfig.properties,
  };
  return { loaded: { driver, source: source.file }, problems: [], warnings };
}

/** --client, else the file's `client:`, else driverClass's short name, else the default; a file naming two is a problem. */
function chooseClient(file: YamlFile, values: Record<string, unknown>, override: DriverClient | undefined): DriverClient {
  const written = values.client as DriverClient | undefined;
  const byClass = DRIVER_CLASSES[values.driverClass as string];
  if (written !== undefined && byClass !== undefined && written !== byClass) {
    file.problem(["client"], `is ${written} but driverClass is ${byClass}`, "one client: drop client:, or keep a Java OMB driverClass beside it");
  }
  return override ?? written ?? byClass ?? DEFAULT_CLIENT;
}

/** Rules across keys and sections; Kafka's own client refuses these combinations too. */
class SectionRules {
  constructor(
    private readonly file: YamlFile,
    private readonly found: Map<string, { key: string }>,
    private readonly s: Record<PropertySection, SectionResult>,
    private readonly warnings: ConfigProblem[],
  ) {}

  /** commonConfig bootstrap.servers is what the admin client uses; the override replaces it everywhere. */
  bootstrap(override: string | undefined): void {
    const common = this.s.commonConfig.properties;
    if (override !== undefined) {
      const typed = typeValue({ kind: "hosts" }, override, JSON.stringify(override));
      if ("problem" in typed) {
        this.file.problems.push({ file: "--bootstrap-servers", field: "bootstrap.servers", problem: typed.problem, expected: describeType({ kind: "hosts" }) });
        return;
      }
      common["bootstrap.servers"] = typed.value;
      delete this.s.producerConfig.properties["bootstrap.servers"];
      delete this.s.consumerConfig.properties["bootstrap.servers"];
    } else if (common["bootstrap.servers"] === undefined && !this.s.commonConfig.positions.has("bootstrap.servers")) {
      this.file.problem(
        this.found.has("commonConfig") ? [this.written("commonConfig")] : [],
        "missing",
        "host:port[,host:port…] in commonConfig, or --bootstrap-servers",
        "value",
        `${this.written("commonConfig")}.bootstrap.servers`,
      );
    }
  }

  idempotence(): void {
    const producer = this.view("producerConfig");
    if (producer.props["enable.idempotence"] !== true) return;
    const acks = producer.props.acks;
    if (acks !== undefined && acks !== -1) {
      this.error(producer.where("acks"), "acks", `is ${acks} but enable.idempotence is true`, "acks=all (Kafka refuses idempotence without it)");
    }
    const inFlight = producer.props["max.in.flight.requests.per.connection"];
    if (typeof inFlight === "number" && inFlight > 5) {
      this.error(producer.where("max.in.flight.requests.per.connection"), "max.in.flight.requests.per.connection", `is ${inFlight} but enable.idempotence is true`, "at most 5 with idempotence");
    }
  }

  sasl(): void {
    for (const name of ["producerConfig", "consumerConfig"] as const) {
      const view = this.view(name);
      const protocol = String(view.props["security.protocol"] ?? "PLAINTEXT");
      const saslKeys = ["sasl.mechanism", "sasl.jaas.config"];
      if (protocol.startsWith("SASL_")) {
        for (const key of saslKeys.filter((k) => !view.has(k))) {
          this.error(view.where("security.protocol"), "security.protocol", `is ${protocol} but ${key} is not set`, `${key} for SASL`);
        }
      } else {
        for (const key of saslKeys.filter((k) => view.has(k))) {
          this.warn(view.where(key), key, `is not used: security.protocol is ${protocol}`);
        }
      }
    }
  }

  heartbeat(): void {
    const consumer = this.view("consumerConfig");
    const heartbeat = consumer.props["heartbeat.interval.ms"];
    const session = consumer.props["session.timeout.ms"];
    if (typeof heartbeat === "number" && typeof session === "number" && heartbeat >= session) {
      this.error(consumer.where("heartbeat.interval.ms"), "heartbeat.interval.ms", `${heartbeat} is not below session.timeout.ms ${session}`, "a heartbeat interval shorter than the session timeout");
    }
  }

  /** A client's properties as Java OMB merges them: commonConfig, then its own section on top. */
  private view(section: "producerConfig" | "consumerConfig") {
    const props = { ...this.s.commonConfig.properties, ...this.s[section].properties };
    const where = (key: string): Where =>
      this.s[section].positions.has(key) ? [this.written(section), this.s[section].positions.get(key)] : [this.written("commonConfig"), this.s.commonConfig.positions.get(key)];
    const has = (key: string) => this.s[section].positions.has(key) || this.s.commonConfig.positions.has(key);
    return { props, where, has };
  }

  private written(section: PropertySection): string {
    return this.found.get(section)?.key ?? section;
  }

  private problemAt([section, at]: Where, key: string, problem: string, expected?: string): ConfigProblem {
    return { file: this.file.source.file, line: at?.line, col: at?.col, field: `${section}.${key}`, problem, expected };
  }

  /** Once per field: the producer and consumer views share commonConfig. */
  private error(where: Where, key: string, problem: string, expected?: string): void {
    const p = this.problemAt(where, key, problem, expected);
    if (!this.file.problems.some((q) => q.field === p.field && q.problem === p.problem)) this.file.problems.push(p);
  }

  private warn(where: Where, key: string, problem: string): void {
    const p = this.problemAt(where, key, problem);
    if (!this.warnings.some((q) => q.field === p.field && q.problem === p.problem)) this.warnings.push(p);
  }
}
