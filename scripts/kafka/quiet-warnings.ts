// kafkajs 2.2.4 arms a timer with a negative delay after every response, and Bun prints a
// TimeoutNegativeWarning for each: hundreds of lines of noise in any test that uses it.
// Bun prints warnings through its default "warning" listener, so removing that listener and
// re-printing every other warning keeps the rest visible.

let installed = false;

export function silenceTimeoutNegativeWarning(): void {
  if (installed) return;
  installed = true;
  process.removeAllListeners("warning");
  process.on("warning", (warning) => {
    if (warning.name === "TimeoutNegativeWarning") return;
    console.error(`(${warning.name}) ${warning.message}`);
  });
}
