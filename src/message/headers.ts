// The omb headers every benchmark message carries: producer id, sequence number
// and wall-clock send time (µs), plus a flag on readiness probes. Numbers are
// 8-byte big-endian unsigned integers. The driver may hold a message's header
// buffers until it is acked, so only the constant ones (producer id, probe flag)
// are shared; sequence and time get fresh 8-byte Buffers per message (cheaper
// than views into a slab, and Buffers because kafkajs stringifies plain Uint8Arrays).
import { MAX_SEQUENCE } from "../stats/sequence-set";

export const OMB_HEADERS = {
  producer: "omb.p",
  sequence: "omb.s",
  sendTime: "omb.t",
  probe: "omb.probe",
} as const;

export interface OmbHeaderFields {
  producerId: string;
  /** -1 on probes, which are outside the producer's sequence. */
  sequence: number;
  /** Wall clock at send, µs since the epoch. */
  sendTimeMicros: number;
  probe: boolean;
}

const PROBE_FLAG = Buffer.from([1]);
const TWO_32 = 4_294_967_296;
const decoder = new TextDecoder();

export class HeaderEncoder {
  private readonly producer: Buffer;

  constructor(producerId: string) {
    this.producer = Buffer.from(producerId, "utf8");
  }

  /** Headers for message `sequence` (0, 1, 2, …) sent at `sendTimeMicros`. */
  encode(sequence: number, sendTimeMicros: number): Record<string, Uint8Array> {
    return { "omb.p": this.producer, "omb.s": u64(sequence), "omb.t": u64(sendTimeMicros) };
  }

  encodeProbe(sendTimeMicros: number): Record<string, Uint8Array> {
    return { "omb.p": this.producer, "omb.t": u64(sendTimeMicros), "omb.probe": PROBE_FLAG };
  }
}

/**
 * Reads the omb headers of a received message into `into` (or a new object).
 * undefined when the message is not an omb benchmark message (or they are malformed).
 */
export function decodeOmbHeaders(
  headers: Record<string, Uint8Array | undefined>,
  into?: OmbHeaderFields,
): OmbHeaderFields | undefined {
  const producer = headers["omb.p"];
  const sendTime = readU64(headers["omb.t"]);
  if (!producer || sendTime < 0) return undefined;
  const probe = headers["omb.probe"] !== undefined;
  const sequence = probe ? -1 : readU64(headers["omb.s"]);
  // Beyond MAX_SEQUENCE no producer could have sent it: malformed, and SequenceSet would refuse it.
  if (!probe && (sequence < 0 || sequence > MAX_SEQUENCE)) return undefined;
  const fields = into ?? { producerId: "", sequence: 0, sendTimeMicros: 0, probe: false };
  fields.producerId = decoder.decode(producer);
  fields.sequence = sequence;
  fields.sendTimeMicros = sendTime;
  fields.probe = probe;
  return fields;
}

function u64(value: number): Buffer {
  const bytes = Buffer.allocUnsafe(8);
  const high = Math.floor(value / TWO_32);
  const low = value >>> 0;
  bytes[0] = high >>> 24;
  bytes[1] = high >>> 16;
  bytes[2] = high >>> 8;
  bytes[3] = high;
  bytes[4] = low >>> 24;
  bytes[5] = low >>> 16;
  bytes[6] = low >>> 8;
  bytes[7] = low;
  return bytes;
}

/** -1 when absent, not 8 bytes, or beyond 2^53. */
function readU64(bytes: Uint8Array | undefined): number {
  if (!bytes || bytes.length !== 8) return -1;
  const high = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  if (high >= 0x200000) return -1;
  const low = ((bytes[4]! << 24) | (bytes[5]! << 16) | (bytes[6]! << 8) | bytes[7]!) >>> 0;
  return high * TWO_32 + low;
}

