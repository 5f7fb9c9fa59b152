#!/usr/bin/env bash
# npm run quickstart: from a fresh clone to a first benchmark result on this host.
# Installs the npm dependencies (Bun among them), builds dist/omb, starts the
# local single-node Kafka broker and runs the quick-test workload through it.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> installing dependencies (npm ci)"
npm ci --no-audit --no-fund
bun=node_modules/.bin/bun
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 22 ]; then
  # npm checks @platformatic/kafka's engines against this Node; omb runs it on Bun instead.
  echo "    (npm's EBADENGINE warnings above do not apply: omb runs these packages on the Bun it installed, not on Node $node_major)"
fi

echo "==> building dist/omb"
"$bun" build.ts

if "$bun" scripts/kafka/kafka.ts status >/dev/null 2>&1; then
  echo "==> using the local Kafka broker that is already running"
else
  echo "==> starting the local Kafka broker (the first time, Maven downloads Apache Kafka's jars)"
fi
kafka_out=$("$bun" scripts/kafka/kafka.ts up)
echo "$kafka_out"
bootstrap=$(printf '%s\n' "$kafka_out" | tail -n 1 | sed -n 's/^KAFKA_BOOTSTRAP=//p')
if [ -z "$bootstrap" ]; then
  echo "quickstart: the broker did not report its address (see the output above)" >&2
  exit 1
fi

echo "==> running the quick-test workload against $bootstrap"
dist/omb run --drivers throughput --bootstrap-servers "$bootstrap" --output results quick-test
echo "==> done. Stop the broker with: npm run kafka:down"
