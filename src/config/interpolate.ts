// `${VAR}` and `${VAR:-default}` in driver files, so one file serves every lab
// (bootstrap.servers=${KAFKA_BOOTSTRAP:-127.0.0.1:9092}). `$${` writes a literal `${`.

export type Env = Record<string, string | undefined>;

/** The text with variables replaced, or the first problem (naming the variable, never a value). */
export function interpolate(text: string, env: Env): { value: string } | { problem: string } {
  let problem: string | undefined;
  const value = text.replace(/\$\$\{|\$\{([^}]*)\}|\$\{/g, (match, inner: string | undefined) => {
    if (match === "$${") return "${";
    if (inner === undefined) {
      problem ??= "has a ${ without its closing }";
      return match;
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?$/s.exec(inner);
    if (!m) {
      problem ??= `has a malformed \${${inner}}`;
      return match;
    }
    const [, name, fallback] = m as unknown as [string, string, string | undefined];
    if (fallback?.includes("${")) {
      problem ??= `has a nested \${…} in the default of ${name}, which is not supported`;
      return match;
    }
    const set = env[name];
    if (set !== undefined && (set !== "" || fallback === undefined)) return set;
    if (fallback !== undefined) return fallback;
    problem ??= `uses the environment variable ${name}, which is not set (give a default with \${${name}:-value})`;
    return match;
  });
  return problem === undefined ? { value } : { problem };
}
