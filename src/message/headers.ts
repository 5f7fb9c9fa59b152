// The one omb header every benchmark message carries: producer id, sequence
// number and wall-clock send time (µs), plus a flag on readiness probes. One
// header, not one per field: kafkajs builds an encoder per header per record,
// and three headers cost ~13 % of a producer's CPU per message.
//
// Value layout: [flags u8][sequence u64 BE][send time µs u64 BE][producer id UTF-8].
// The driver may hold the buffer until the ack, so each message gets its own.
import { MAX_SEQUENCE } from "../stats/sequence-set";

export const OMB_HEADER = "omb";

export interface OmbHeaderFields {
  producerId: string;
  /** -1 on probes, which are outside the producer's sequence. */
  sequence: number;
  /** Wall clock at send, µs since the epoch. */
  sendTimeMicros: number;
  probe: boolean;
}

const PROBE = 1;
const FIXED = 17;
const TWO_32 = 4_294_967_296;
const decoder = new TextDecoder();

export class HeaderEncoder {
  private readonly producer: Buffer;

  constructor(producerId: string) {
    this.producer = Buffer.from(producerId, "utf8");
  }

  /** Headers for message `sequence` (0, 1, 2, …) sent at `sendTimeMicros`. */
  encode(sequence: number, sendTimeMicros: number): Record<string, Uint8Array> {
    return { [OMB_HEADER]: this.value(0, sequence, sendTimeMicros) };
  }

  encodeProbe(sendTimeMicros: number): Record<string, Uint8Array> {
    return { [OMB_HEADER]: this.value(PROBE, 0, sendTimeMicros) };
  }

  private value(flags: number, sequence: number, sendTimeMicros: number): Buffer {
    const bytes = Buffer.allocUnsafe(FIXED + this.producer.length);
    bytes[0] = flags;
    writeU64(bytes, 1, sequence);
    writeU64(bytes, 9, sendTimeMicros);
    this.producer.copy(bytes, FIXED);
    return bytes;
  }
}

/**
 * Reads the omb header of a received message into `into` (or a new object).
 * undefined when the message is not an omb benchmark message (or it is malformed).
 */
export function decodeOmbHeaders(
  headers: Record<string, Uint8Array | undefined>,
  into?: OmbHeaderFields,
): OmbHeaderFields | undefined {
  const bytes = headers[OMB_HEADER];
  if (!bytes || bytes.length <= FIXED || bytes[0]! > PROBE) return undefined;
  const probe = bytes[0] === PROBE;
  const sequence = probe ? -1 : readU64(bytes, 1);
  const sendTime = readU64(bytes, 9);
  // Beyond MAX_SEQUENCE no producer could have sent it: malformed, and SequenceSet would refuse it.
  if (sendTime < 0 || (!probe && (sequence < 0 || sequence > MAX_SEQUENCE))) return undefined;
  const fields = into ?? { producerId: "", sequence: 0, sendTimeMicros: 0, probe: false };
  fields.producerId = decoder.decode(bytes.subarray(FIXED));
  fields.sequence = sequence;
  fields.sendTimeMicros = sendTime;
  fields.probe = probe;
  return fields;
}

function writeU64(bytes: Buffer, at: number, value: number): void {
  bytes.writeUInt32BE(Math.floor(value / TWO_32), at);
  bytes.writeUInt32BE(value >>> 0, at + 4);
}

/** -1 when beyond 2^53. */
function readU64(bytes: Uint8Array, at: number): number {
  const high = ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
  if (high >= 0x200000) return -1;
  const low = ((bytes[at + 4]! << 24) | (bytes[at + 5]! << 16) | (bytes[at + 6]! << 8) | bytes[at + 7]!) >>> 0;
  return high * TWO_32 + low;
}
