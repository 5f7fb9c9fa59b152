// Kafka's sasl.jaas.config line: `<LoginModule> <flag> key="value" …;`. omb
// needs the username and password from it (kafkajs takes them directly).

export interface JaasConfig {
  loginModule: string;
  flag: string;
  options: Record<string, string>;
}

const FLAGS = ["required", "requisite", "sufficient", "optional"];

/** Parses one JAAS login module entry; returns a problem (never the secret text) when it cannot. */
export function parseJaasConfig(text: string): JaasConfig | { problem: string } {
  const m = /^\s*([A-Za-z_$][\w.$]*)\s+(\w+)\s*([\s\S]*?)\s*;\s*$/.exec(text);
  if (!m) return { problem: "is not a JAAS entry" };
  const [, loginModule, flag, rest] = m as unknown as [string, string, string, string];
  if (!FLAGS.includes(flag)) return { problem: `has the control flag "${flag}"; JAAS allows ${FLAGS.join(", ")}` };
  const options: Record<string, string> = {};
  const option = /\s*([\w.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s"]+))/y;
  let at = 0;
  while (at < rest.length) {
    option.lastIndex = at;
    const o = option.exec(rest);
    if (!o) return { problem: `has an option that is not key="value" after ${Object.keys(options).length} option(s)` };
    options[o[1]!] = o[2] !== undefined ? o[2].replace(/\\(.)/g, "$1") : o[3]!;
    at = option.lastIndex;
  }
  return { loginModule, flag, options };
}
