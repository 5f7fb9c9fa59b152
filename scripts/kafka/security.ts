// What the secure profile's listeners need, made fresh at every start with openssl (from
// Debian; nothing downloaded): a CA, a broker certificate it signed for 127.0.0.1 and
// localhost (PEM, which Kafka reads as a key store of type PEM), and one SASL user with a
// random password, known to the PLAIN listener's JAAS line and created as a SCRAM-SHA-512
// credential when the storage is formatted.
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface SecurityMaterial {
  /** The CA certificate clients trust (PEM file). */
  caPath: string;
  /** The broker's private key and certificate chain (PEM file). */
  keystorePath: string;
  username: string;
  password: string;
}

export const SASL_USER = "omb";

export async function makeSecurityMaterial(dir: string): Promise<SecurityMaterial> {
  const openssl = requireOpenssl();
  const at = (name: string) => join(dir, name);
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  await run([openssl, "req", "-x509", ...ec, "-keyout", at("ca.key"), "-out", at("ca.pem"), "-days", "30",
    "-subj", "/CN=omb local test CA", "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"]);
  await run([openssl, "req", ...ec, "-keyout", at("broker.key"), "-out", at("broker.csr"), "-subj", "/CN=localhost"]);
  await writeFile(at("broker.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  await run([openssl, "x509", "-req", "-in", at("broker.csr"), "-CA", at("ca.pem"), "-CAkey", at("ca.key"),
    "-CAcreateserial", "-out", at("broker.crt"), "-days", "30", "-extfile", at("broker.ext")]);
  // Kafka's PEM key store: the PKCS#8 key, then the chain up to the CA.
  const pem = await Promise.all(["broker.key", "broker.crt", "ca.pem"].map((f) => Bun.file(at(f)).text()));
  await writeFile(at("broker-keystore.pem"), pem.join(""), { mode: 0o600 });
  return {
    caPath: at("ca.pem"),
    keystorePath: at("broker-keystore.pem"),
    username: SASL_USER,
    // Letters and digits only: it goes into JAAS and --add-scram text unquoted-safe.
    password: randomBytes(18).toString("base64").replace(/[^A-Za-z0-9]/g, "x"),
  };
}

function requireOpenssl(): string {
  const openssl = Bun.which("openssl");
  if (!openssl) {
    throw new Error(
      "The secure profile of the local broker makes its certificates with openssl, and no `openssl` is on PATH. " +
        "Install it (Debian/Ubuntu: apt-get install openssl; macOS: brew install openssl), then run again.",
    );
  }
  return openssl;
}

async function run(cmd: string[]): Promise<void> {
  const proc = Bun.spawn(cmd, { stdout: "pipe", stderr: "pipe", stdin: "ignore" });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) throw new Error(`\`${cmd.slice(0, 3).join(" ")} …\` failed (exit ${code}):\n${(out + err).trim()}`);
}
