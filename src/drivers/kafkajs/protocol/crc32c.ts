// CRC-32C (Castagnoli), the checksum of every v2 record batch. kafkajs computes
// it a byte at a time (about 370 MB/s on Bun); sixteen bytes per step from one
// flat table reaches about 1 GB/s, which matters at 1 KiB × 100k msg/s.

const POLY = 0x82f63b78;

/** T[k * 256 + b]: the CRC of byte b followed by k zero bytes. */
const T = new Int32Array(16 * 256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  T[n] = c;
}
for (let n = 0; n < 256; n++) {
  let c = T[n]!;
  for (let k = 1; k < 16; k++) {
    c = T[c & 0xff]! ^ (c >>> 8);
    T[k * 256 + n] = c;
  }
}

/** CRC-32C of bytes[start, end), as an unsigned 32-bit number. */
export function crc32c(b: Uint8Array, start = 0, end = b.length): number {
  let crc = -1;
  let i = start;
  for (const last = end - 16; i <= last; i += 16) {
    const a = crc ^ (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24));
    crc =
      T[3840 + (a & 0xff)]! ^
      T[3584 + ((a >>> 8) & 0xff)]! ^
      T[3328 + ((a >>> 16) & 0xff)]! ^
      T[3072 + (a >>> 24)]! ^
      T[2816 + b[i + 4]!]! ^
      T[2560 + b[i + 5]!]! ^
      T[2304 + b[i + 6]!]! ^
      T[2048 + b[i + 7]!]! ^
      T[1792 + b[i + 8]!]! ^
      T[1536 + b[i + 9]!]! ^
      T[1280 + b[i + 10]!]! ^
      T[1024 + b[i + 11]!]! ^
      T[768 + b[i + 12]!]! ^
      T[512 + b[i + 13]!]! ^
      T[256 + b[i + 14]!]! ^
      T[b[i + 15]!]!;
  }
  for (; i < end; i++) crc = T[(crc ^ b[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}
