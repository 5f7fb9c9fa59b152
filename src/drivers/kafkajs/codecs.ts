// kafkajs ships GZIP only; the other codecs are registered here, once per
// process, for producing and for reading what other clients produced. All are
// pure JS or built into Bun, so they work in the compiled binary.
import zlib from "node:zlib";
import { promisify } from "node:util";
import { CompressionCodecs, CompressionTypes } from "kafkajs";
import SnappyCodec from "kafkajs-snappy";

interface Codec {
  compress(encoder: { buffer: Buffer }): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

function zstdCodec(): Codec | undefined {
  // Bun has node:zlib zstd; an older runtime may not.
  if (typeof zlib.zstdCompress !== "function") return undefined;
  const compress = promisify(zlib.zstdCompress);
  const decompress = promisify(zlib.zstdDecompress);
  return {
    compress: (encoder) => compress(encoder.buffer),
    decompress: (buffer) => decompress(buffer),
  };
}

// Loaded on first use: lz4js allocates 5 MiB of buffers when imported.
const lz4Codec: Codec = {
  compress: async (encoder) => (await import("./lz4-frame")).compressFrame(encoder.buffer),
  decompress: async (buffer) => (await import("./lz4-frame")).decompressFrame(buffer),
};

const available = new Set<CompressionTypes>([CompressionTypes.None, CompressionTypes.GZIP]);
let registered = false;

/** Registers every codec this runtime can provide with kafkajs (idempotent). */
export function registerCodecs(): void {
  if (registered) return;
  registered = true;
  CompressionCodecs[CompressionTypes.Snappy] = SnappyCodec;
  available.add(CompressionTypes.Snappy);
  CompressionCodecs[CompressionTypes.LZ4] = () => lz4Codec;
  available.add(CompressionTypes.LZ4);
  const zstd = zstdCodec();
  if (zstd !== undefined) {
    CompressionCodecs[CompressionTypes.ZSTD] = () => zstd;
    available.add(CompressionTypes.ZSTD);
  }
}

export function codecAvailable(type: CompressionTypes): boolean {
  registerCodecs();
  return available.has(type);
}
