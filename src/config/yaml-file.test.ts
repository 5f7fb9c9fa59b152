// What every config file's reader refuses before any field is read: doubled keys
// (found in linear time) and keys that name a prototype slot; and names unsafe
// for topic and file names.
import { expect, test } from "bun:test";
import type { ConfigSource } from "./source";
import { checkDriverConfig } from "./driver-file";
import { checkWorkload } from "./workload-file";
import { YamlFile } from "./yaml-file";

const source = (text: string): ConfigSource => ({ ref: "w.yaml", file: "w.yaml", text, dir: ".", stem: "w" });
const workload = (name: string) =>
  `name: ${JSON.stringify(name)}\ntopics: 1\npartitionsPerTopic: 1\nmessageSize: 1024\nsubscriptionsPerTopic: 1\n` +
  "consumerPerSubscription: 1\nproducersPerTopic: 1\nproducerRate: 1000\ntestDurationMinutes: 1\n";

test("a key given twice in one map is a syntax problem at the second one (outer maps first)", () => {
  const file = new YamlFile(source("a: 1\nb:\n  c: 1\n  c: 2\na: 3\n"));
  expect(file.problems.map((p) => `${p.line}:${p.col} ${p.field}: ${p.problem}`)).toEqual([
    "5:1 a: YAML syntax: Map keys must be unique",
    "4:3 c: YAML syntax: Map keys must be unique",
  ]);
});

test("__proto__, constructor and prototype are refused as keys at any depth", () => {
  for (const key of ["__proto__", "constructor", "prototype"]) {
    const file = new YamlFile(source(`a: 1\nb:\n  ${key}: {x: 1}\n`));
    expect(file.problems.map((p) => `${p.line}:${p.col} ${p.problem}`)).toEqual([
      `3:3 YAML: the key "${key}" is refused (a prototype name, never a config field)`,
    ]);
  }
});

test("workload names with control, format or separator characters are refused; Java OMB's names pass", () => {
  for (const bad of ["a\u0000b", "two\nlines", "evil\u202egnp.exe", "x".repeat(201)]) {
    const { problems } = checkWorkload(source(workload(bad)));
    expect(problems.map((p) => `${p.field}: ${p.problem}`)).toEqual([
      "name: is not usable as a name: it becomes part of topic and file names, and is printed",
    ]);
  }
  expect(checkWorkload(source(workload("1 topic / 1 partition / 1 KiB — ünïcode"))).problems).toEqual([]);
});

test("a prototype key in a driver's properties text (key=value lines) is refused too", () => {
  const text = [
    "name: d",
    "driverClass: io.openmessaging.benchmark.driver.kafka.KafkaBenchmarkDriver",
    "replicationFactor: 1",
    "commonConfig: |",
    "  bootstrap.servers=localhost:9092",
    "producerConfig: |",
    "  acks=all",
    "  __proto__=x",
  ].join("\n");
  const { problems } = checkDriverConfig(source(text), {});
  expect(problems.map((p) => `${p.line}:${p.col} ${p.field}: ${p.problem}`)).toContain(
    "8:3 producerConfig.__proto__: is refused (a prototype name, never a Kafka property)",
  );
});
