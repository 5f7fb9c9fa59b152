// Numbers as a person reads them: `6.49 s` rather than `6492622 µs`, `12.3 k
// msg/s`, `1.95 MiB/s`. Pure and dependency-free: the HTML report's page script
// bundles this same file for its axes and legends, so page and tables agree.

/** What a figure measures; picks its formatter. Latencies are in ms, as Java OMB stores them. */
export type Unit = "ms" | "msg/s" | "MiB/s" | "err/s" | "bytes" | "bytes/s" | "%" | "messages" | "count" | "s";

/** Three significant digits, without trailing zeros after the point ("6.49", "64.9", "649", "6,490"). */
export function significant(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return value.toLocaleString("en-US", { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
}

/** The lowest value the latency histograms tell apart (1 µs); up to it a value reads as "≤ 1 µs". */
export const LATENCY_FLOOR_MS = 0.001;

export function formatMs(ms: number): string {
  if (ms <= LATENCY_FLOOR_MS) return ms <= 0 ? "0 µs" : "≤ 1 µs";
  if (ms < 1) return `${significant(ms * 1000)} µs`;
  if (ms < 1000) return `${significant(ms)} ms`;
  if (ms < 600_000) return `${significant(ms / 1000)} s`;
  return `${significant(ms / 60_000)} min`;
}

/** `value` in the largest of `units` (each `step` times the one before) that keeps it at 1 or more. */
function scaled(value: number, step: number, units: readonly string[]): string {
  let v = value;
  let i = 0;
  while (Math.abs(v) >= step && i < units.length - 1) {
    v /= step;
    i++;
  }
  return `${significant(v)}${units[i]}`;
}

/** 12.3 k, 4.56 M: compact counts and rates. */
export const compact = (value: number) => scaled(value, 1000, ["", " k", " M", " G", " T"]);

export const formatBytes = (bytes: number) => scaled(bytes, 1024, [" B", " KiB", " MiB", " GiB", " TiB"]);

/** Seconds as m:ss (or h:mm:ss), for time axes; negative before the measured phase. */
export function formatClock(seconds: number): string {
  const sign = seconds < 0 ? "−" : "";
  const total = Math.round(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, "0")}:${s}` : `${sign}${m}:${s}`;
}

export function formatValue(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  switch (unit) {
    case "ms":
      return formatMs(value);
    case "MiB/s":
      return `${significant(value)} MiB/s`;
    case "bytes":
      return formatBytes(value);
    case "bytes/s":
      return `${formatBytes(value)}/s`;
    case "%":
      return `${significant(value)} %`;
    case "s":
      return `${significant(value)} s`;
    case "messages":
      return compact(value);
    case "count":
      return Math.round(value).toLocaleString("en-US");
    default:
      return `${compact(value)} ${unit}`;
  }
}

/**
 * The percentile a point of a quantile curve stands for, from its x on the
 * "nines" axis (x = 1 / (1 − p)): 10 → "90 %", 1000 → "99.9 %".
 */
export function ninesLabel(x: number): string {
  const p = (1 - 1 / x) * 100;
  const decimals = Math.max(0, Math.round(Math.log10(x)) - 2);
  return `${p.toFixed(decimals)} %`;
}

/** The x of percentile `p` (0..100) on the nines axis. */
export function ninesX(p: number): number {
  return 1 / (1 - p / 100);
}

/** A figure in a table: rates to the message (`3,999 msg/s`); everything else as formatValue. */
export function formatFigure(value: number | null | undefined, unit: Unit): string {
  if ((unit === "msg/s" || unit === "err/s") && typeof value === "number" && Math.abs(value) >= 100) {
    return `${Math.round(value).toLocaleString("en-US")} ${unit}`;
  }
  return formatValue(value, unit);
}

/** Change from `base`: "−18 %", "+4.2 %", "×12" from ten times on; "–" when there is no base. */
export function formatChange(value: number, base: number): string {
  if (!Number.isFinite(value) || !Number.isFinite(base)) return "–";
  if (value === base) return "±0 %";
  if (base === 0) return "–";
  const ratio = value / base;
  if (ratio >= 10) return `×${significant(ratio, 2)}`;
  const change = (ratio - 1) * 100;
  if (Math.abs(change) < 0.05) return "±0 %";
  return `${change > 0 ? "+" : "−"}${significant(Math.abs(change), 2)} %`;
}
