// Message values from a PayloadSpec, built once: the file's bytes, zeros, or
// (Java OMB's useRandomizedPayloads) a pool of payloads that are random for
// randomBytesRatio of their length and zero after, so compression has work to do.
// They are Buffers (a Uint8Array subclass) because some clients, kafkajs among
// them, stringify plain Uint8Arrays. Messages share them: never mutate one.
import { randomSeed, xorshift32 } from "./random";

/** How a worker builds its payloads: sent to it in the load assignment. */
export type PayloadSpec =
  | { kind: "file"; base64: string }
  | { kind: "random"; size: number; randomBytesRatio: number; poolSize: number }
  | { kind: "zeros"; size: number };

export class PayloadPool {
  private readonly payloads: readonly Buffer[];
  private readonly random: () => number;
  /** Bytes per payload. */
  readonly size: number;

  constructor(spec: PayloadSpec, seed = randomSeed()) {
    this.payloads = buildPayloads(spec);
    this.size = this.payloads[0]!.length;
    this.random = xorshift32(seed);
  }

  /** One payload, picked at random from the pool (as Java OMB does). */
  next(): Buffer {
    const payloads = this.payloads;
    return payloads.length === 1 ? payloads[0]! : payloads[this.random() % payloads.length]!;
  }
}

function buildPayloads(spec: PayloadSpec): Buffer[] {
  switch (spec.kind) {
    case "file":
      return [Buffer.from(spec.base64, "base64")];
    case "zeros":
      return [Buffer.alloc(spec.size)];
    case "random": {
      if (!(spec.randomBytesRatio >= 0 && spec.randomBytesRatio <= 1)) {
        throw new RangeError(`randomBytesRatio must be between 0 and 1, got ${spec.randomBytesRatio}`);
      }
      const randomBytes = Math.floor(spec.size * spec.randomBytesRatio);
      return Array.from({ length: Math.max(1, spec.poolSize) }, () => {
        const payload = Buffer.alloc(spec.size);
        fillRandom(payload.subarray(0, randomBytes));
        return payload;
      });
    }
  }
}

/** getRandomValues takes at most 65,536 bytes per call. */
function fillRandom(bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length; at += 65_536) {
    crypto.getRandomValues(bytes.subarray(at, Math.min(bytes.length, at + 65_536)));
  }
}
