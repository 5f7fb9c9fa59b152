// Type shapes for the pure-JS codec packages, which ship none.

declare module "kafkajs-snappy" {
  const createSnappyCodec: () => {
    compress(encoder: { buffer: Buffer }): Promise<Buffer>;
    decompress(buffer: Buffer): Promise<Buffer>;
  };
  export default createSnappyCodec;
}

declare module "lz4js" {
  export function compressBound(length: number): number;
  /** Compresses src[start, start + length) into dst from 0; returns the size, 0 when incompressible. */
  export function compressBlock(
    src: Uint8Array,
    dst: Uint8Array,
    start: number,
    length: number,
    matchTable: Uint32Array,
  ): number;
  /** The bytes of an LZ4 frame. */
  export function decompress(src: Uint8Array): Uint8Array;
}

declare module "lz4js/xxh32.js" {
  export function hash(seed: number, src: Uint8Array, start: number, length: number): number;
}

declare module "kafkajs/src/protocol/decoder" {
  /** kafkajs's protocol reader; omb's record-batch decoder leaves varlongs above 7 bytes to it. */
  export default class Decoder {
    constructor(buffer: Buffer);
    offset: number;
    readVarLong(): { value: bigint };
  }
}

declare module "kafkajs/src/errors" {
  /** What kafkajs's fetch decoder catches to stop at a batch cut short by the fetch size. */
  export class KafkaJSPartialMessageError extends Error {
    constructor(message: string);
  }
}

declare module "kafkajs/src/protocol/message/compression" {
  /** The codec registered for a batch's compression bits, or null for none. */
  export function lookupCodecByAttributes(attributes: number): { decompress(buffer: Buffer): Promise<Buffer> } | null;
}
