// A record's size as the accumulator counts it against batch.size and
// buffer.memory: Java's upper estimate of a v2 record (length, attributes,
// deltas, key/value lengths) plus its bytes and headers.
import type { OutgoingMessage } from "./driver";

const RECORD_OVERHEAD = 21;

export function recordSize(message: OutgoingMessage): number {
  let size = RECORD_OVERHEAD + message.value.byteLength + (message.key === null ? 0 : message.key.byteLength);
  for (const name in message.headers) size += name.length + message.headers[name]!.byteLength + 2;
  return size;
}

/** Clients that take only Buffers as bytes get a view, not a copy. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
