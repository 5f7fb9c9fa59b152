import { describe, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkDriverConfig, DRIVER_CLASSES, loadDriverConfig, type DriverLoadOptions } from "./driver-file";
import { ConfigError, type ConfigProblem } from "./errors";
import { DRIVER, fields, source, tempDir } from "../../test/support/config-files";

const env = { KAFKA_BOOTSTRAP: "broker:9093" };
const check = (text: string, options: DriverLoadOptions = {}) => checkDriverConfig(source(text), { env, ...options });
const ok = (text: string, options: DriverLoadOptions = {}) => {
  const r = check(text, options);
  expect(r.problems).toEqual([]);
  return { ...r.loaded!.driver, warnings: r.warnings };
};
const bad = (text: string, options: DriverLoadOptions = {}): ConfigProblem[] => {
  const r = check(text, options);
  expect(r.loaded).toBeUndefined();
  return r.problems;
};
/** A driver with one more section written as properties text (commonConfig lines go into DRIVER's own). */
const withSection = (section: string, body: string) =>
  `${DRIVER}${section === "commonConfig" ? "" : `${section}: |\n`}${body.replace(/^/gm, "  ")}\n`;

describe("Java OMB driver schema", () => {
  test("defaults: replicationFactor 1, reset false, empty sections", () => {
    expect(ok(DRIVER)).toEqual({
      name: "d",
      driverClass: "kafkajs",
      client: "kafkajs",
      replicationFactor: 1,
      reset: false,
      topicConfig: {},
      commonConfig: { "bootstrap.servers": "localhost:9092" },
      producerConfig: {},
      consumerConfig: {},
      warnings: [],
    });
  });

  test("Java OMB's driverClass values mean kafkajs, each client's short name that client; others are an error listing them", () => {
    for (const cls of Object.keys(DRIVER_CLASSES)) expect(ok(DRIVER.replace("kafkajs", cls)).client).toBe(cls === "platformatic" ? "platformatic" : "kafkajs");
    const [p] = bad(DRIVER.replace("kafkajs", "io.openmessaging.benchmark.driver.pulsar.PulsarBenchmarkDriver"));
    expect(p!.field).toBe("driverClass");
    expect(p!.expected).toContain("io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver");
    expect(p!.expected).toContain("benchmark.drivers.kafka.KafkaDriver");
  });

  test("client: picks the client of a Java OMB driverClass; --client overrides the file", () => {
    const java = DRIVER.replace("kafkajs", "io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver");
    expect(ok(`${java}client: platformatic\n`).client).toBe("platformatic");
    expect(ok(java, { client: "platformatic" }).client).toBe("platformatic");
    expect(ok(`${java}client: platformatic\n`, { client: "kafkajs" }).client).toBe("kafkajs");
    const [unknown] = bad(`${java}client: librdkafka\n`);
    expect([unknown!.field, unknown!.expected]).toEqual(["client", "one of kafkajs, platformatic (default kafkajs)"]);
    const [conflict] = bad(`${DRIVER}client: platformatic\n`);
    expect([conflict!.field, conflict!.problem]).toEqual(["client", "is platformatic but driverClass is kafkajs"]);
  });

  test("unsupported keys are judged by the client that runs them", () => {
    const text = withSection("producerConfig", "transactional.id=t");
    expect(ok(text, { client: "platformatic" }).warnings.map((w) => w.problem)).toEqual([
      "unsupported by platformatic: omb does not run transactional producers",
    ]);
  });

  test("driverClass is required", () => {
    expect(bad(DRIVER.replace("driverClass: kafkajs\n", "")).map((p) => [p.field, p.problem])).toEqual([["driverClass", "missing"]]);
  });

  test("snake_case aliases of the top-level fields", () => {
    const d = ok(`name: d\ndriver_class: kafkajs\nreplication_factor: 3\ncommon_config: |\n  bootstrap.servers=h:1\nproducer_config:\n  acks: all\nconsumer_config: "fetch.min.bytes=5"\ntopic_config: |\n  retention.ms=-1\n`);
    expect(d).toMatchObject({ replicationFactor: 3, producerConfig: { acks: -1 }, consumerConfig: { "fetch.min.bytes": 5 }, topicConfig: { "retention.ms": -1 } });
    expect(fields(bad(`${DRIVER}driver_class: kafkajs\n`))).toEqual(["driver_class"]);
  });

  test("replicationFactor and reset are typed", () => {
    expect(fields(bad(`${DRIVER}replicationFactor: 0\n`))).toEqual(["replicationFactor"]);
    expect(fields(bad(`${DRIVER}reset: "no"\n`))).toEqual(["reset"]);
    expect(ok(`${DRIVER}reset: true\nreplicationFactor: 3\n`)).toMatchObject({ reset: true, replicationFactor: 3 });
  });

  test("unknown top-level fields are errors with a suggestion", () => {
    const [p] = bad(`${DRIVER}producerconfig: |\n  acks=all\n`);
    expect(p).toMatchObject({ field: "producerconfig", problem: "unknown field; did you mean producerConfig?" });
  });
});

describe("property sections", () => {
  test("properties text and YAML maps give the same typed values", () => {
    const text = ok(withSection("producerConfig", "acks=all\nlinger.ms=5\nenable.idempotence=true\ncompression.type=zstd"));
    const map = ok(`${DRIVER}producerConfig:\n  acks: all\n  linger.ms: 5\n  enable.idempotence: true\n  compression.type: zstd\n`);
    expect(text.producerConfig).toEqual({ acks: -1, "linger.ms": 5, "enable.idempotence": true, "compression.type": "zstd" });
    expect(map.producerConfig).toEqual(text.producerConfig);
  });

  test("acks: all|-1 → -1, 0, 1; numbers in YAML maps too", () => {
    for (const [given, want] of [["all", -1], ["-1", -1], ["0", 0], ["1", 1], ["ALL", -1]] as const) {
      expect(ok(withSection("producerConfig", `acks=${given}`)).producerConfig.acks).toBe(want);
    }
    expect(ok(`${DRIVER}producerConfig:\n  acks: -1\n`).producerConfig.acks).toBe(-1);
  });

  test("enums are matched without regard to case and stored in Kafka's spelling", () => {
    expect(ok(withSection("consumerConfig", "isolation.level=READ_COMMITTED")).consumerConfig["isolation.level"]).toBe("read_committed");
    expect(ok(withSection("topicConfig", "message.timestamp.type=logappendtime")).topicConfig["message.timestamp.type"]).toBe("LogAppendTime");
  });

  test("the same key means different things per section (compression.type)", () => {
    expect(fields(bad(withSection("producerConfig", "compression.type=producer")))).toEqual(["producerConfig.compression.type"]);
    expect(ok(withSection("topicConfig", "compression.type=producer")).topicConfig["compression.type"]).toBe("producer");
  });

  test("producer and consumer keys may sit in commonConfig, as in Java OMB", () => {
    const d = ok(`name: d\ndriverClass: kafkajs\ncommonConfig: |\n  bootstrap.servers=h:1\n  acks=1\n  fetch.min.bytes=10\n`);
    expect(d.commonConfig).toMatchObject({ acks: 1, "fetch.min.bytes": 10 });
    expect(d.warnings).toEqual([]);
  });

  const bads: [string, string, string, RegExp][] = [
    ["producerConfig", "acks=2", "producerConfig.acks", /"2" is not an allowed value/],
    ["producerConfig", "linger.ms=-1", "producerConfig.linger.ms", /below the minimum 0/],
    ["producerConfig", "batch.size=64k", "producerConfig.batch.size", /not an integer/],
    ["producerConfig", "retries=3000000000", "producerConfig.retries", /above the maximum 2147483647/],
    ["producerConfig", "enable.idempotence=yes", "producerConfig.enable.idempotence", /not a boolean/],
    ["producerConfig", "compression.type=brotli", "producerConfig.compression.type", /not an allowed value/],
    ["producerConfig", "max.in.flight.requests.per.connection=0", "producerConfig.max.in.flight.requests.per.connection", /below the minimum 1/],
    ["consumerConfig", "auto.offset.reset=smallest", "consumerConfig.auto.offset.reset", /not an allowed value/],
    ["consumerConfig", "isolation.level=serializable", "consumerConfig.isolation.level", /not an allowed value/],
    ["consumerConfig", "max.poll.records=0", "consumerConfig.max.poll.records", /below the minimum 1/],
    ["commonConfig", "security.protocol=TLS", "commonConfig.security.protocol", /not an allowed value/],
    ["commonConfig", "sasl.mechanism=GSSAPI", "commonConfig.sasl.mechanism", /not an allowed value/],
    ["commonConfig", "request.timeout.ms=1.5", "commonConfig.request.timeout.ms", /not an integer/],
    ["topicConfig", "min.insync.replicas=0", "topicConfig.min.insync.replicas", /below the minimum 1/],
    ["topicConfig", "cleanup.policy=compact,archive", "topicConfig.cleanup.policy", /"archive" is not an allowed value/],
    ["topicConfig", "min.cleanable.dirty.ratio=1.5", "topicConfig.min.cleanable.dirty.ratio", /out of range/],
    ["topicConfig", "retention.ms=-2", "topicConfig.retention.ms", /below the minimum -1/],
    ["topicConfig", "preallocate=1", "topicConfig.preallocate", /not a boolean/],
  ];
  for (const [section, body, field, problem] of bads) {
    test(`${body} in ${section}`, () => {
      const problems = bad(withSection(section, body));
      expect(fields(problems)).toEqual([field]);
      expect(problems[0]!.problem).toMatch(problem);
      expect(problems[0]!.expected).toBeTruthy();
    });
  }

  test("a bad value is pointed at inside the block scalar", () => {
    const [p] = bad(withSection("producerConfig", "acks=all\n  # comment\nlinger.ms = soon"));
    // DRIVER is 4 lines, the header is line 5, linger.ms is the 3rd line of the block.
    expect(p).toMatchObject({ line: 8, col: 15, field: "producerConfig.linger.ms" });
  });

  test("a bad value in a YAML map is pointed at", () => {
    const [p] = bad(`${DRIVER}consumerConfig:\n  fetch.min.bytes: lots\n`);
    expect(p).toMatchObject({ line: 6, col: 20, field: "consumerConfig.fetch.min.bytes" });
  });

  test("properties syntax errors name the section and line", () => {
    const [p] = bad(withSection("consumerConfig", "a=1\nb=\\uZZZZ"));
    expect(p).toMatchObject({ field: "consumerConfig", line: 7 });
    expect(p!.problem).toContain("properties syntax");
  });

  test("a key given twice in one section", () => {
    const [p] = bad(withSection("producerConfig", "acks=all\nacks=1"));
    expect(p).toMatchObject({ field: "producerConfig.acks", line: 7 });
    expect(p!.problem).toContain("first on line 6");
  });

  test("section shapes: a list, a number, a nested map, an empty value", () => {
    expect(fields(bad(`${DRIVER}producerConfig:\n  - acks=all\n`))).toEqual(["producerConfig"]);
    expect(fields(bad(`${DRIVER}producerConfig: 5\n`))).toEqual(["producerConfig"]);
    expect(fields(bad(`${DRIVER}producerConfig:\n  linger:\n    ms: 5\n`))).toEqual(["producerConfig.linger"]);
    expect(fields(bad(`${DRIVER}producerConfig:\n  acks:\n`))).toEqual(["producerConfig.acks"]);
    expect(ok(`${DRIVER}producerConfig:\n`).producerConfig).toEqual({});
  });

  test("a folded block (>) would join the lines and is refused", () => {
    expect(fields(bad(`${DRIVER}producerConfig: >\n  acks=all\n  linger.ms=1\n`))).toEqual(["producerConfig"]);
  });
});

describe("warnings: unknown, unsupported, overridden — errors with strict", () => {
  const text = withSection("producerConfig", "transactional.id=t\nlinger.mss=1") + "consumerConfig: |\n  group.id=g\n  auto.offset.reset=latest\n  max.poll.records=10\n";

  test("are warnings with section, key and reason; values are kept", () => {
    const d = ok(text);
    expect(d.warnings.map((w) => `${w.field}: ${w.problem}`)).toEqual([
      "producerConfig.transactional.id: unsupported by kafkajs: omb does not run transactional producers",
      "producerConfig.linger.mss: unknown property: Kafka has no such setting; did you mean linger.ms?",
      "consumerConfig.group.id: is overridden: omb uses one consumer group per subscription",
      "consumerConfig.auto.offset.reset: latest is not used: benchmark consumers always read the run's fresh topics from the earliest offset",
    ]);
    expect(d.producerConfig).toMatchObject({ "transactional.id": "t", "linger.mss": "1" });
  });

  test("a Kafka setting omb does not handle is not supported by the client; unknown is only for keys Kafka lacks", () => {
    const text = withSection("commonConfig", "default.api.timeout.ms=600000\nno.such.setting=1");
    for (const client of ["kafkajs", "platformatic"] as const) {
      const d = ok(text, { client });
      expect(d.warnings.map((w) => `${w.field}: ${w.problem}`)).toEqual([
        `commonConfig.default.api.timeout.ms: not supported by ${client}: a Kafka setting omb does not pass on (it has no effect)`,
        "commonConfig.no.such.setting: unknown property: Kafka has no such setting",
      ]);
    }
  });

  test("auto.offset.reset=earliest and accepted keys are quiet", () => {
    expect(ok(withSection("consumerConfig", "auto.offset.reset=earliest\nkey.deserializer=x\nmax.poll.records=5")).warnings).toEqual([]);
  });

  test("with strict they are errors", () => {
    const problems = bad(text, { strict: true });
    expect(fields(problems)).toEqual(["producerConfig.transactional.id", "producerConfig.linger.mss", "consumerConfig.group.id", "consumerConfig.auto.offset.reset"]);
    expect(problems[0]!.problem).toContain("--strict");
  });

  test("loadDriverConfig gives them as 'section.key: reason' strings", () => {
    const dir = tempDir();
    const path = join(dir, "d.yaml");
    writeFileSync(path, text);
    expect(loadDriverConfig(path, { env }).warnings[0]).toBe("producerConfig.transactional.id: unsupported by kafkajs: omb does not run transactional producers");
    expect(() => loadDriverConfig(path, { env, strict: true })).toThrow(ConfigError);
  });
});

describe("cross-key rules", () => {
  test("idempotence needs acks=all and at most 5 in flight", () => {
    expect(fields(bad(withSection("producerConfig", "enable.idempotence=true\nacks=1")))).toEqual(["producerConfig.acks"]);
    expect(fields(bad(withSection("producerConfig", "enable.idempotence=true\nmax.in.flight.requests.per.connection=6")))).toEqual([
      "producerConfig.max.in.flight.requests.per.connection",
    ]);
    expect(ok(withSection("producerConfig", "enable.idempotence=true\nacks=all\nmax.in.flight.requests.per.connection=5")).producerConfig["enable.idempotence"]).toBe(true);
  });

  test("SASL needs a mechanism and a JAAS line with username and password", () => {
    const sasl = (extra: string) => `name: d\ndriverClass: kafkajs\ncommonConfig: |\n  bootstrap.servers=h:1\n  security.protocol=SASL_SSL\n${extra.replace(/^/gm, "  ")}\n`;
    expect(bad(sasl("sasl.mechanism=PLAIN")).map((p) => p.problem)).toEqual(["is SASL_SSL but sasl.jaas.config is not set"]);
    const jaas = 'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";';
    expect(bad(sasl(jaas)).map((p) => p.problem)).toEqual(["is SASL_SSL but sasl.mechanism is not set"]);
    const d = ok(sasl(`sasl.mechanism=SCRAM-SHA-512\n${jaas}`));
    expect(d.commonConfig).toMatchObject({ "security.protocol": "SASL_SSL", "sasl.mechanism": "SCRAM-SHA-512" });
    const [p] = bad(sasl('sasl.mechanism=PLAIN\nsasl.jaas.config=PlainLoginModule required username="u";'));
    expect(p).toMatchObject({ field: "commonConfig.sasl.jaas.config", problem: "has no password option" });
  });

  test("SASL keys without a SASL protocol are warned as unused", () => {
    const d = ok(withSection("consumerConfig", "sasl.mechanism=PLAIN"));
    expect(d.warnings.map((w) => w.field)).toEqual(["consumerConfig.sasl.mechanism"]);
  });

  test("heartbeat must be below the session timeout", () => {
    expect(fields(bad(withSection("consumerConfig", "session.timeout.ms=1000\nheartbeat.interval.ms=1000")))).toEqual(["consumerConfig.heartbeat.interval.ms"]);
  });
});

describe("bootstrap servers and ${ENV}", () => {
  const noBootstrap = "name: d\ndriverClass: kafkajs\n";

  test("bootstrap.servers is required in commonConfig unless overridden", () => {
    const [p] = bad(noBootstrap);
    expect(p).toMatchObject({ field: "commonConfig.bootstrap.servers", problem: "missing" });
    expect(p!.expected).toContain("--bootstrap-servers");
    expect(ok(noBootstrap, { bootstrapServers: "a:1,b:2" }).commonConfig["bootstrap.servers"]).toBe("a:1,b:2");
  });

  test("the override replaces the file's value everywhere", () => {
    const d = ok(withSection("producerConfig", "bootstrap.servers=p:1"), { bootstrapServers: "o:9" });
    expect(d.commonConfig["bootstrap.servers"]).toBe("o:9");
    expect(d.producerConfig["bootstrap.servers"]).toBeUndefined();
  });

  test("a bad override is named as --bootstrap-servers", () => {
    const [p] = bad(DRIVER, { bootstrapServers: "nohost" });
    expect(p).toMatchObject({ file: "--bootstrap-servers" });
  });

  test("host:port lists: IPv6, blanks and empty entries as Kafka reads them", () => {
    expect(ok(DRIVER.replace("localhost:9092", " a:1, [::1]:9092 ,,b.c-d:65535")).commonConfig["bootstrap.servers"]).toBe("a:1,[::1]:9092,b.c-d:65535");
    for (const bad1 of ["a", "a:0", "a:70000", "a:b", ":9092", "http://a:1"]) {
      expect(fields(bad(DRIVER.replace("localhost:9092", bad1)))).toEqual(["commonConfig.bootstrap.servers"]);
    }
  });

  test("${VAR:-default} with the variable set, unset, and missing without default", () => {
    const text = DRIVER.replace("localhost:9092", "${KAFKA_BOOTSTRAP:-127.0.0.1:9092}");
    expect(ok(text).commonConfig["bootstrap.servers"]).toBe("broker:9093");
    expect(ok(text, { env: {} }).commonConfig["bootstrap.servers"]).toBe("127.0.0.1:9092");
    const [p] = bad(DRIVER.replace("localhost:9092", "${OMB_NOT_SET_ANYWHERE}"), { env: {} });
    expect(p).toMatchObject({ field: "commonConfig.bootstrap.servers" });
    expect(p!.problem).toContain("OMB_NOT_SET_ANYWHERE");
  });

  test("interpolation in YAML map values too", () => {
    expect(ok(`name: d\ndriverClass: kafkajs\ncommonConfig:\n  bootstrap.servers: \${KAFKA_BOOTSTRAP}\n`).commonConfig["bootstrap.servers"]).toBe("broker:9093");
  });
});

describe("secrets never appear in problems", () => {
  test("a bad secret value is not echoed", () => {
    const text = `${DRIVER}  security.protocol=SASL_PLAINTEXT\n  sasl.mechanism=PLAIN\n  sasl.jaas.config=hunter2-not-jaas\n`;
    const problems = bad(text);
    expect(JSON.stringify(problems)).not.toContain("hunter2");
  });
});
