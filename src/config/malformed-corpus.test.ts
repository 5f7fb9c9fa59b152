// The malformed corpus: `omb validate` on each file must exit 2, name the file
// and the field at fault, and print no stack trace. Runs the CLI from source
// (OMB_BIN=/path/to/omb runs a built binary instead).
import { describe, expect, test } from "bun:test";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { REPO } from "../../test/support/config-files";

const DIR = join(REPO, "test/fixtures/malformed");

/** file (without .yaml) → what the output must name as the field, and extra arguments. */
const CORPUS: [file: string, field: string, args?: string[]][] = [
  ["w-yaml-unclosed-flow", "YAML syntax"],
  ["w-yaml-tab-indent", "YAML syntax"],
  ["w-yaml-duplicate-key", "YAML syntax"],
  ["w-yaml-bad-quote", "YAML syntax"],
  ["w-not-a-map", "not a map", ["--kind", "workload"]],
  ["w-empty", "the file is empty", ["--kind", "workload"]],
  ["w-topics-zero", "topics"],
  ["w-topics-negative", "topics"],
  ["w-topics-string", "topics"],
  ["w-topics-float", "topics"],
  ["w-partitions-zero", "partitionsPerTopic"],
  ["w-partitions-too-many", "partitionsPerTopic"],
  ["w-message-size-zero", "messageSize"],
  ["w-message-size-huge", "messageSize"],
  ["w-missing-topics", "topics"],
  ["w-missing-message-size", "messageSize"],
  ["w-missing-producers", "producersPerTopic"],
  ["w-missing-duration", "testDurationMinutes"],
  ["w-duration-zero", "testDurationMinutes"],
  ["w-duration-seconds-zero", "testDurationSeconds"],
  ["w-both-durations", "testDurationSeconds"],
  ["w-warmup-negative", "warmupDurationMinutes"],
  ["w-unknown-field", "partitionPerTopic"],
  ["w-description-field", "description"],
  ["w-camel-and-snake", "partitions_per_topic"],
  ["w-bad-key-distributor", "keyDistributor"],
  ["w-lowercase-key-distributor", "key_distributor"],
  ["w-payload-missing-file", "payloadFile"],
  ["w-payload-size-mismatch", "payloadFile"],
  ["w-payload-and-randomized", "payloadFile"],
  ["w-randomized-no-pool", "randomizedPayloadPoolSize"],
  ["w-random-ratio-out-of-range", "randomBytesRatio"],
  ["w-backlog-no-rate", "producerRate"],
  ["w-backlog-no-subscriptions", "subscriptionsPerTopic"],
  ["w-drain-ratio-out-of-range", "backlogDrainRatio"],
  ["w-subscriptions-without-consumers", "consumerPerSubscription"],
  ["w-negative-subscriptions", "subscriptionsPerTopic"],
  ["w-rate-too-high", "producerRate"],
  ["w-use-randomized-yes", "useRandomizedPayloads"],
  ["w-total-partitions", "partitionsPerTopic"],
  ["w-name-empty", "name"],
  ["w-snake-bad-value", "producer_rate"],
  ["w-backlog-negative", "consumerBacklogSizeGB"],
  ["w-topics-list", "topics"],
  ["d-yaml-bad-indent", "YAML syntax", ["--kind", "driver"]],
  ["d-unknown-driver-class", "driverClass"],
  ["d-missing-driver-class", "driverClass"],
  ["d-replication-zero", "replicationFactor"],
  ["d-reset-string", "reset"],
  ["d-acks-bad", "producerConfig.acks"],
  ["d-linger-negative", "producerConfig.linger.ms"],
  ["d-batch-size-text", "producerConfig.batch.size"],
  ["d-idempotence-not-bool", "producerConfig.enable.idempotence"],
  ["d-compression-unknown", "producerConfig.compression.type"],
  ["d-props-bad-unicode", "producerConfig"],
  ["d-props-trailing-backslash", "consumerConfig"],
  ["d-props-no-key", "producerConfig"],
  ["d-props-duplicate-key", "producerConfig.acks"],
  ["d-env-unset", "commonConfig.bootstrap.servers"],
  ["d-env-malformed", "commonConfig.bootstrap.servers"],
  ["d-bootstrap-missing", "commonConfig.bootstrap.servers"],
  ["d-bootstrap-no-port", "commonConfig.bootstrap.servers"],
  ["d-idempotence-acks-1", "producerConfig.acks"],
  ["d-sasl-no-mechanism", "commonConfig.security.protocol"],
  ["d-jaas-malformed", "commonConfig.sasl.jaas.config"],
  ["d-security-protocol-bad", "commonConfig.security.protocol"],
  ["d-topic-min-isr-zero", "topicConfig.min.insync.replicas"],
  ["d-topic-cleanup-bad", "topicConfig.cleanup.policy"],
  ["d-section-list", "producerConfig"],
  ["d-nested-map", "consumerConfig.fetch"],
  ["d-heartbeat-above-session", "consumerConfig.heartbeat.interval.ms"],
  ["d-unknown-field", "producerconfig"],
  ["d-strict-unknown-property", "producerConfig.linger.mss", ["--strict"]],
  ["d-strict-unsupported", "producerConfig.transactional.id", ["--strict"]],
  ["d-strict-group-id", "consumerConfig.group.id", ["--strict"]],
  ["d-strict-offset-latest", "consumerConfig.auto.offset.reset", ["--strict"]],
  ["d-strict-jks-truststore", "commonConfig.ssl.truststore.location", ["--strict"]],
  ["d-folded-block", "producerConfig"],
  ["d-isolation-bad", "consumerConfig.isolation.level"],
  ["d-max-in-flight-zero", "producerConfig.max.in.flight.requests.per.connection"],
  ["d-request-timeout-float", "commonConfig.request.timeout.ms"],
  ["d-value-missing-in-map", "producerConfig.acks"],
  ["k-empty-list", "workers"],
  ["k-bad-scheme", "workers[0]"],
  ["k-no-port", "workers[1]"],
  ["k-duplicate", "workers[1]"],
  ["k-not-a-list", "workers"],
  ["k-port-out-of-range", "workers[0]"],
  ["k-unknown-field", "token"],
  ["k-number-item", "workers[0]"],
  ["x-unknown-kind", "--kind"],
  ["y-alias-bomb", "YAML: Excessive alias count"],
  ["y-two-documents", "more than one YAML document"]
];

const command = process.env.OMB_BIN ? [process.env.OMB_BIN] : [process.execPath, join(REPO, "src/cli/main.ts")];

async function validate(args: string[]) {
  const proc = Bun.spawn([...command, "validate", ...args], {
    cwd: REPO,
    env: { ...process.env, NO_COLOR: "1" },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, output: stdout + stderr };
}

describe("malformed corpus", () => {
  test("has at least 50 files, each in the table", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".yaml")).map((f) => f.slice(0, -5)).sort();
    expect(files.length).toBeGreaterThanOrEqual(50);
    expect(files).toEqual(CORPUS.map(([f]) => f).sort());
  });

  // One `omb validate` per set of extra flags, with every file of the set: validate
  // reports each file on lines of its own, so each file's lines are judged apart.
  test("omb validate exits 2 and names file and field, without a stack trace", async () => {
    const byArgs = Map.groupBy(CORPUS, ([, , args = []]) => args.join(" "));
    const failures: string[] = [];
    await Promise.all([...byArgs.values()].map(async (entries) => {
      const files = entries.map(([name]) => join(DIR, `${name}.yaml`));
      const { code, output } = await validate([...(entries[0]![2] ?? []), ...files]);
      if (code !== 2) failures.push(`exit ${code} for ${files.length} malformed files`);
      if (/^\s+at |^error:|\berror: /m.test(output)) failures.push(`stack trace or Bun error:\n${output}`);
      for (const [name, field] of entries) {
        const file = join(DIR, `${name}.yaml`);
        const lines = output.split("\n").filter((l) => l.startsWith(`${file}:`));
        // Judged after the path: many file names contain their field's name.
        const why = [
          !lines.some((l) => l.slice(file.length).includes(field)) && `no line naming ${field}`,
          lines.some((l) => l.includes(": OK (")) && "reported OK",
        ].filter(Boolean);
        if (why.length) failures.push(`${name}: ${why.join(", ")}\n${lines.join("\n")}`);
      }
    }));
    expect(failures).toEqual([]);
  }, 120_000);
});
