// Hosts on one machine: network namespaces joined by veth pairs to one bridge, each
// with its own network stack and one address in a block this module owns. Nothing here
// ever routes outside that block: the namespaces get no default route, and the root
// namespace only gets the bridge's address. Needs root (CAP_NET_ADMIN) and iproute2.
//
// Slot k (0..15) is 10.231.k.0/24: the bridge `omb<k>br` is 10.231.k.1 in the root
// namespace, host i is namespace `omb<k>h<i>` at 10.231.k.(10+i) on its `eth0`. Creating
// the bridge claims the slot (the kernel refuses a second one of that name); its alias
// holds the owner's pid, so a slot whose owner died is found and removed by the next user.
import { spawnSync } from "node:child_process";
import { pidAlive } from "../kafka/process";

export const SLOTS = 16;
/** Every address this module hands out lies in this block. */
export const OWNED_BLOCK = "10.231.0.0/20";
export const MAX_HOSTS = 200;

export interface Host {
  index: number;
  /** Network namespace name. */
  namespace: string;
  address: string;
}

export interface Network {
  slot: number;
  bridge: string;
  /** The bridge's address: where the root namespace (the coordinator) speaks from. */
  gateway: string;
  hosts: Host[];
  /** argv that runs `argv` inside the host's namespace. */
  inHost(host: Host, argv: string[]): string[];
  /** Sets the host's link down (a partition: nothing reaches it, it reaches nothing) or up again. */
  setLink(host: Host, up: boolean): void;
  /** Kills what still runs in the namespaces, removes them and the bridge. Idempotent, synchronous. */
  remove(): void;
}

const ALIAS_PREFIX = "omb-hosts pid ";

/** Why namespaces cannot be made here, or undefined when they can. */
export function namespacesUnavailable(): string | undefined {
  if (process.platform !== "linux") return `network namespaces need Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return "network namespaces need root (CAP_NET_ADMIN); run as root or in CI";
  const ip = spawnSync("ip", ["-V"], { encoding: "utf8" });
  if (ip.error || ip.status !== 0) return "`ip` (iproute2) is not installed: apt-get install iproute2";
  const probe = `ombprobe${process.pid}`;
  const made = spawnSync("ip", ["netns", "add", probe], { encoding: "utf8" });
  spawnSync("ip", ["netns", "del", probe]);
  if (made.status !== 0) return `\`ip netns add\` failed: ${made.stderr.trim() || `exit ${made.status}`}`;
  return undefined;
}

/** Claims a free slot and makes `count` hosts in it. Throws with the failing command on error (after undoing). */
export function createNetwork(count: number): Network {
  if (!Number.isInteger(count) || count < 1 || count > MAX_HOSTS) throw new Error(`hosts: expected 1 to ${MAX_HOSTS} hosts, got ${count}`);
  removeStale();
  const slot = claimSlot();
  const bridge = `omb${slot}br`;
  const hosts: Host[] = Array.from({ length: count }, (_, index) => ({
    index,
    namespace: `omb${slot}h${index}`,
    address: `10.231.${slot}.${10 + index}`,
  }));
  const network: Network = {
    slot,
    bridge,
    gateway: `10.231.${slot}.1`,
    hosts,
    inHost: (host, argv) => ["ip", "netns", "exec", host.namespace, ...argv],
    setLink: (host, up) => ip(["-n", host.namespace, "link", "set", "eth0", up ? "up" : "down"]),
    remove: () => removeSlot(slot),
  };
  try {
    ip(["addr", "add", `${network.gateway}/24`, "dev", bridge]);
    ip(["link", "set", bridge, "up"]);
    for (const host of hosts) {
      const veth = `omb${slot}v${host.index}`;
      ip(["netns", "add", host.namespace]);
      ip(["link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", host.namespace]);
      ip(["link", "set", veth, "master", bridge, "up"]);
      ip(["-n", host.namespace, "addr", "add", `${host.address}/24`, "dev", "eth0"]);
      ip(["-n", host.namespace, "link", "set", "eth0", "up"]);
      ip(["-n", host.namespace, "link", "set", "lo", "up"]);
    }
  } catch (error) {
    network.remove();
    throw error;
  }
  return network;
}

/** Removes every slot whose owner process is gone (a run killed before it could clean up). */
export function removeStale(): number[] {
  const removed: number[] = [];
  for (let slot = 0; slot < SLOTS; slot++) {
    const owner = slotOwner(slot);
    if (owner === undefined || owner === "unclaimed" || pidAlive(owner)) continue;
    removeSlot(slot);
    removed.push(slot);
  }
  // Namespaces whose bridge is gone (removal interrupted half-way).
  for (const ns of namespaces()) {
    const slot = Number(/^omb(\d+)h\d+$/.exec(ns)?.[1] ?? NaN);
    if (Number.isInteger(slot) && slotOwner(slot) === undefined) removeNamespace(ns);
  }
  return removed;
}

function claimSlot(): number {
  for (let slot = 0; slot < SLOTS; slot++) {
    if (blockInUse(slot)) continue;
    const bridge = `omb${slot}br`;
    // Atomic: of two processes creating the same bridge, one gets EEXIST.
    if (spawnSync("ip", ["link", "add", bridge, "type", "bridge"]).status !== 0) continue;
    ip(["link", "set", "dev", bridge, "alias", `${ALIAS_PREFIX}${process.pid}`]);
    return slot;
  }
  throw new Error(`hosts: all ${SLOTS} slots of ${OWNED_BLOCK} are in use (\`ip link show type bridge\`); \`bun scripts/hosts/hosts.ts clean\` removes those of dead runs`);
}

/** Some interface not ours already has an address in the slot's /24: never take it over. */
function blockInUse(slot: number): boolean {
  const prefix = `10.231.${slot}.`;
  const out = spawnSync("ip", ["-j", "addr", "show"], { encoding: "utf8" }).stdout;
  const links = JSON.parse(out || "[]") as { ifname: string; addr_info?: { local: string }[] }[];
  return links.some((l) => l.ifname !== `omb${slot}br` && (l.addr_info ?? []).some((a) => a.local.startsWith(prefix)));
}

/** The owner's pid; "unclaimed" for a bridge without our alias (being made right now); undefined without a bridge. */
function slotOwner(slot: number): number | "unclaimed" | undefined {
  const shown = spawnSync("ip", ["-j", "link", "show", "dev", `omb${slot}br`], { encoding: "utf8" });
  if (shown.status !== 0) return undefined;
  const alias = (JSON.parse(shown.stdout || "[]") as { ifalias?: string }[])[0]?.ifalias ?? "";
  return alias.startsWith(ALIAS_PREFIX) ? Number(alias.slice(ALIAS_PREFIX.length)) : "unclaimed";
}

function removeSlot(slot: number): void {
  for (const ns of namespaces().filter((n) => n.startsWith(`omb${slot}h`))) removeNamespace(ns);
  spawnSync("ip", ["link", "del", `omb${slot}br`]);
}

/** Ends what runs inside (SIGTERM, SIGKILL after 5 s), then deletes the namespace with its veth pair. */
function removeNamespace(ns: string): void {
  const pids = () =>
    spawnSync("ip", ["netns", "pids", ns], { encoding: "utf8" })
      .stdout.split(/\s+/)
      .filter(Boolean)
      .map(Number);
  for (const pid of pids()) signal(pid, "SIGTERM");
  const deadline = Date.now() + 5000;
  while (pids().length > 0 && Date.now() < deadline) Bun.sleepSync(100);
  for (const pid of pids()) signal(pid, "SIGKILL");
  // The kernel frees a deleted namespace (and its veth pair) later; the root side goes now.
  spawnSync("ip", ["link", "del", ns.replace(/h(\d+)$/, "v$1")]);
  spawnSync("ip", ["netns", "del", ns]);
}

function namespaces(): string[] {
  const out = spawnSync("ip", ["netns", "list"], { encoding: "utf8" }).stdout ?? "";
  return out
    .split("\n")
    .map((line) => line.split(" ")[0]!)
    .filter((name) => /^omb\d+h\d+$/.test(name));
}

function ip(args: string[]): void {
  const run = spawnSync("ip", args, { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`hosts: \`ip ${args.join(" ")}\` failed: ${run.stderr.trim() || `exit ${run.status}`}`);
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}
