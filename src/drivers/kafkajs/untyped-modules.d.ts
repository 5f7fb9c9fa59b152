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
