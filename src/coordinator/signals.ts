// Ctrl-C and SIGTERM end a run cleanly: the first one aborts the run's signal
// (every wait ends, the workers are stopped, topics deleted, the partial result
// written); a second one exits at once for a user who cannot wait.
import { ExitCode } from "../exit-codes";

export interface SignalGuard {
  signal: AbortSignal;
  dispose(): void;
}

export interface SignalGuardOptions {
  /** Told once, at the first signal. */
  onFirst?(signal: NodeJS.Signals): void;
  /** Last words before a forced exit (e.g. which topics may be left). */
  onForced?(signal: NodeJS.Signals): void;
}

const SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM"];

export function guardSignals(options: SignalGuardOptions = {}): SignalGuard {
  const controller = new AbortController();
  const handler = (signal: NodeJS.Signals) => {
    if (!controller.signal.aborted) {
      options.onFirst?.(signal);
      controller.abort(signal);
      return;
    }
    options.onForced?.(signal);
    process.exit(ExitCode.runFailed);
  };
  for (const s of SIGNALS) process.on(s, handler);
  return {
    signal: controller.signal,
    dispose() {
      for (const s of SIGNALS) process.off(s, handler);
    },
  };
}
