// Host load of each worker over the measured phase, from the system samples
// (one a second) the result keeps per worker: CPU, memory, network, disk.
import type { SystemField, SystemSeries } from "../../stats/system-summary";
import type { Unit } from "../format";
import { type ChartDef, hasValues, type Part } from "./chart-def";
import type { ChartSource } from "./source";

/** "http://10.0.0.5:8080" → "10.0.0.5:8080": the legend has no room for the scheme. */
export const workerLabel = (id: string) => id.replace(/^https?:\/\//, "");

function systemChart(id: string, title: string, note: string, unit: Unit, fields: [SystemField, string][]): ChartDef {
  return {
    id,
    title,
    note,
    x: "time",
    y: { label: title.toLowerCase(), unit },
    parts(source: ChartSource): Part[] {
      return (source.result.omb?.workers ?? []).flatMap((worker) => {
        const s: SystemSeries | undefined = worker.systemSeries;
        if (!s) return [];
        const present = fields.filter(([field]) => s[field] && hasValues(s[field]!));
        if (!present.length) return [];
        const name = workerLabel(worker.id);
        return [
          {
            series: present.map(([, label]) => ({ label: label ? `${name} ${label}` : name })),
            columns: [s.at.map((at) => (at - source.origin) / 1000), ...present.map(([field]) => s[field]!)],
          },
        ];
      });
    },
  };
}

const SAME_HOST = "Workers on one host sample the same host.";

export const systemCharts: ChartDef[] = [
  systemChart("system-cpu", "CPU", `Host CPU busy, all cores, per worker's host. ${SAME_HOST}`, "%", [["cpuPercent", ""]]),
  systemChart("system-memory", "Memory", "Host memory in use, and the resident memory of the worker's own process.", "bytes", [
    ["memoryUsedBytes", "host"],
    ["processRssBytes", "omb"],
  ]),
  systemChart("system-network", "Network", `Bytes per second received and sent; loopback apart. ${SAME_HOST}`, "bytes/s", [
    ["netRxBytesPerSec", "rx"],
    ["netTxBytesPerSec", "tx"],
    ["loopbackRxBytesPerSec", "lo rx"],
    ["loopbackTxBytesPerSec", "lo tx"],
  ]),
  systemChart("system-disk", "Disk", `Bytes per second read and written, whole disks. ${SAME_HOST}`, "bytes/s", [
    ["diskReadBytesPerSec", "read"],
    ["diskWriteBytesPerSec", "write"],
  ]),
];
