// The live progress line of a run on a terminal (k6 style): phase, elapsed of
// total, a bar, the latest period's rates. Pure; the console redraws it.
import type { ProgressState } from "./run-log";

const clock = (seconds: number) => {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
};

const BAR = 20;

export function progressLine(state: ProgressState, width = 120): string {
  const parts = [state.phase.padEnd(9)];
  if (state.totalSeconds > 0) {
    const done = Math.min(1, state.elapsedSeconds / state.totalSeconds);
    const filled = Math.round(done * BAR);
    parts.push(`${clock(state.elapsedSeconds)}/${clock(state.totalSeconds)} [${"=".repeat(filled)}${" ".repeat(BAR - filled)}]`);
  } else if (state.elapsedSeconds > 0) {
    parts.push(clock(state.elapsedSeconds));
  }
  const p = state.latest;
  if (p && (state.phase === "warmup" || state.phase === "measured")) {
    parts.push(
      `pub ${p.publishRate.toFixed(0)} msg/s`,
      `cons ${p.consumeRate.toFixed(0)} msg/s`,
      `backlog ${(p.backlog / 1000).toFixed(1)} K`,
      `pub p99 ${p.publishLatency.p99.toFixed(2)} ms`,
    );
  }
  if (state.targetRate > 0 && (state.phase === "warmup" || state.phase === "measured")) parts.push(`target ${state.targetRate.toFixed(0)} msg/s`);
  const line = parts.join("  ");
  return line.length > width ? `${line.slice(0, Math.max(0, width - 1))}…` : line;
}
