// The worker's view of the host: stats/system-monitor samples /proc once a
// second in the parent; period stats drain the samples since the last read, the
// stop result gets every sample since the driver was initialized.
import { SystemMonitor } from "../../stats/system-monitor";
import type { SystemSample } from "../../stats/types";
import type { SystemSampler } from "../pool/local-worker";

/** A day of 1 s samples: an idle worker left running must not grow without bound. */
const MAX_RUN_SAMPLES = 86_400;
const COLLECT_EVERY_MS = 10_000;

export function startSystemSampler(monitor = new SystemMonitor()): SystemSampler {
  let period: SystemSample[] = [];
  let run: SystemSample[] = [];
  let latest: SystemSample | undefined;
  const collect = () => {
    const samples = monitor.drain();
    if (samples.length === 0) return;
    period.push(...samples);
    run.push(...samples);
    if (period.length > MAX_RUN_SAMPLES) period = period.slice(-MAX_RUN_SAMPLES);
    if (run.length > MAX_RUN_SAMPLES) run = run.slice(-MAX_RUN_SAMPLES);
    latest = samples.at(-1);
  };
  monitor.start();
  const timer = setInterval(collect, COLLECT_EVERY_MS);
  timer.unref();
  return {
    drain() {
      collect();
      const samples = period;
      period = [];
      return samples;
    },
    all() {
      collect();
      return [...run];
    },
    reset() {
      collect();
      period = [];
      run = [];
    },
    latest() {
      collect();
      return latest;
    },
    close() {
      clearInterval(timer);
      monitor.stop();
    },
  };
}
