// Renders docs/driver-properties.md from the property catalogue, so the table
// people read is the table omb applies. `bun src/config/properties-doc.ts` rewrites it;
// a test fails when the committed file is out of date.
import { join } from "node:path";
import { KAFKA_PROPERTIES, type PropertySection, isSecretKey } from "./kafka-properties";
import { describeType } from "./property-values";
import { DRIVER_CLIENTS, type DriverClient } from "./types";

const CLIENT_HEADINGS: Record<DriverClient, string> = { kafkajs: "kafkajs", platformatic: "@platformatic/kafka" };

export const PROPERTIES_DOC_PATH = join(import.meta.dir, "../../docs/driver-properties.md");

const SECTION_TEXT: Record<PropertySection, string> = {
  commonConfig: "Applies to producers, consumers and the admin client (producer and consumer keys may be written here too, as in Java OMB).",
  producerConfig: "Producer keys; commonConfig keys may be overridden here.",
  consumerConfig: "Consumer keys; commonConfig keys may be overridden here.",
  topicConfig: "Topic-level configs, passed to the broker when omb creates the run's topics (as strings on the wire). The broker checks keys omb does not know.",
};

export function renderPropertiesDoc(): string {
  const lines = [
    "# Kafka properties in driver configs",
    "",
    "<!-- Generated from src/config/kafka-properties.ts by `bun src/config/properties-doc.ts`; do not edit by hand. -->",
    "",
    "The four property sections of a driver config (`commonConfig`, `producerConfig`, `consumerConfig`, `topicConfig`)",
    "take Java `.properties` text, as in Java OMB's `driver-kafka/*.yaml`, or a YAML map. Each value is checked",
    "against the type below. What omb does with each key depends on the client the driver runs on",
    "(`client: kafkajs` or `client: platformatic` in the driver file, or `--client` on `omb run`/`omb coordinate`;",
    "a file that names none, as every Java OMB file, runs on kafkajs); each table has a column per client:",
    "",
    "- **mapped**: passed to the matching option of the client.",
    "- **emulated**: the client has no such option; omb implements it itself.",
    "- **accepted**: meaningful to the Java client but moot for omb; accepted without effect (a warning where noted).",
    "- **unsupported**: a warning from `omb validate` and at run start; an error with `--strict`.",
    "",
    "Keys not in these tables are warned (an error with `--strict`): as *not supported by <client>* when",
    "Apache Kafka has the setting (it has no effect), as *unknown* when Kafka has no such setting. Values may use `${VAR}` and",
    "`${VAR:-default}` from the environment; `$${` writes a literal `${`. Secrets (marked *secret*) are redacted",
    "wherever a config is printed or stored.",
  ];
  for (const section of ["commonConfig", "producerConfig", "consumerConfig", "topicConfig"] as const) {
    const heads = DRIVER_CLIENTS.map((c) => CLIENT_HEADINGS[c]);
    lines.push("", `## ${section}`, "", SECTION_TEXT[section], "", `| key | type | ${heads.join(" | ")} |`, `| --- | --- |${" --- |".repeat(heads.length)}`);
    for (const p of KAFKA_PROPERTIES.filter((x) => x.section === section)) {
      const key = `\`${p.key}\`${isSecretKey(p.key) ? " *secret*" : ""}`;
      const how = DRIVER_CLIENTS.map((c) => `**${p.how[c].status}**: ${cell(p.how[c].note)}`);
      lines.push(`| ${key} | ${cell(describeType(p.type))} | ${how.join(" | ")} |`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/</g, "&lt;");
}

if (import.meta.main) {
  await Bun.write(PROPERTIES_DOC_PATH, renderPropertiesDoc());
  console.log(`wrote ${PROPERTIES_DOC_PATH}`);
}
