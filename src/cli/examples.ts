// The examples at the end of each command's --help: real command lines a user
// can copy (a test runs every one through the command's flag check).
export const EXAMPLES: Record<string, string[]> = {
  omb: [
    "omb run -d throughput --bootstrap-servers localhost:9092 quick-test",
    "omb help run",
  ],
  worker: ["omb worker --port 8080 --token \"$OMB_TOKEN\""],
  coordinate: [
    "omb coordinate -d throughput -w http://load1:8080,http://load2:8080 --bootstrap-servers broker1:9092 16-partitions-1kb",
    "omb coordinate -d driver-kafka/kafka-throughput.yaml -o out.json workloads/1-topic-16-partitions-1kb.yaml",
    "omb coordinate -c results",
  ],
  run: [
    "omb run -d throughput --bootstrap-servers localhost:9092 quick-test",
    "omb run --local-workers 2 --duration 2m --rate 0 -d throughput --bootstrap-servers broker1:9092 -o results my-workload.yaml",
  ],
  validate: ["omb validate my-workload.yaml my-driver.yaml", "omb show quick-test | omb validate -"],
  report: ["omb report results/*.json", "omb report --html report.html --csv summary.csv results/a.json results/b.json"],
  list: ["omb list", "omb list --json"],
  show: ["omb show throughput > my-driver.yaml", "omb show quick-test"],
  topics: ["omb topics list --bootstrap-servers broker1:9092", "omb topics delete --prefix omb- --yes --bootstrap-servers broker1:9092"],
  version: ["omb version", "omb version --json"],
};
