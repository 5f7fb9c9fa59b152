// What the load did per stats period: publish and consume rates against the
// target, MiB/s, publish errors by type, backlog, and the rate controller's
// trajectory when the workload asked for the maximum sustainable rate.
import { formatFigure, formatValue } from "../format";
import { type ChartDef, hasValues, type Part } from "./chart-def";
import { type ChartSource, javaSeries } from "./source";

export const ratesChart: ChartDef = {
  id: "rates",
  title: "Publish and consume rate",
  note: "Messages per second over each stats period's real window (earliest worker start to latest end); consume counts every subscription.",
  x: "time",
  y: { label: "rate", unit: "msg/s" },
  parts(source) {
    const target = source.result.omb?.targetRate ?? 0;
    const part: Part = {
      series: [{ label: "publish" }, { label: "consume" }],
      columns: [source.time, javaSeries(source, "publishRate"), javaSeries(source, "consumeRate")],
    };
    if (target > 0) {
      part.series.push({ label: "target", reference: true });
      part.columns.push(source.time.map(() => target));
    }
    return [part];
  },
};

export const throughputChart: ChartDef = {
  id: "throughput",
  title: "Publish and consume throughput",
  note: "MiB per second of message payload (Java OMB's MB/s).",
  x: "time",
  y: { label: "throughput", unit: "MiB/s" },
  parts(source) {
    const periods = source.periods;
    if (!periods?.every((p) => typeof p.publishMBps === "number")) return [];
    return [
      {
        series: [{ label: "publish" }, { label: "consume" }],
        columns: [source.time, periods.map((p) => p.publishMBps), periods.map((p) => p.consumeMBps)],
      },
    ];
  },
};

export const errorsChart: ChartDef = {
  id: "errors",
  title: "Publish errors",
  note: "Failed sends per second in each period, all together and by type.",
  x: "time",
  y: { label: "errors", unit: "err/s" },
  parts(source) {
    const part: Part = { series: [{ label: "all" }], columns: [source.time, javaSeries(source, "publishErrorRate")] };
    const periods = source.periods ?? [];
    const types = [...new Set(periods.flatMap((p) => Object.keys(p.errorsByType ?? {})))].sort();
    for (const type of types) {
      part.series.push({ label: type });
      part.columns.push(periods.map((p, i) => (p.errorsByType?.[type] ?? 0) / source.seconds[i]!));
    }
    return [part];
  },
};

export const backlogChart: ChartDef = {
  id: "backlog",
  title: "Backlog",
  note: "Messages sent but not yet received, counted once per subscription, at each period's end.",
  x: "time",
  y: { label: "backlog", unit: "messages" },
  parts: (source) => {
    const backlog = javaSeries(source, "backlog");
    return hasValues(backlog) ? [{ series: [{ label: "backlog" }], columns: [source.time, backlog] }] : [];
  },
  caption(source) {
    const b = source.result.omb?.backlogTest;
    if (!b) return undefined;
    const built = b.built ? `built to ${formatValue(b.targetBytes, "bytes")} in ${formatValue(b.buildSeconds, "s")}` : "not built";
    const drained = b.drained ? `drained below ${formatValue(b.drainedBelow, "messages")} messages in ${formatValue(b.drainSeconds, "s")}` : "not drained";
    return `Backlog test: ${built}, ${drained}${b.note ? ` (${b.note})` : ""}.`;
  },
};

export const maxRateChart: ChartDef = {
  id: "max-rate",
  title: "Maximum-rate discovery",
  note: "The rate the controller set (held until its next step), the publish rate achieved, and the sustained rate it found.",
  x: "time",
  y: { label: "rate", unit: "msg/s" },
  parts(source) {
    const discovery = source.result.omb?.maxRate;
    if (!discovery) return [];
    const steps = discovery.history.map((h) => (h.at - source.origin) / 1000);
    return [
      { series: [{ label: "controller target", step: true }], columns: [steps, discovery.history.map((h) => h.rate)] },
      {
        series: [{ label: "publish" }, { label: "sustained", reference: true }],
        columns: [source.time, javaSeries(source, "publishRate"), source.time.map(() => discovery.sustainedRate)],
      },
    ];
  },
  caption(source) {
    const d = source.result.omb?.maxRate;
    return d && `Max sustainable rate ${formatFigure(d.sustainedRate, "msg/s")}${d.rule ? `: ${d.rule}` : ""}. The line is the controller's trajectory.`;
  },
};
