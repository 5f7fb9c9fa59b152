import { describe, expect, test } from "bun:test";
import { compressFrame, decompressFrame } from "./lz4-frame";

describe("LZ4 frames for Kafka", () => {
  test("declare independent blocks, which Kafka's broker requires", () => {
    const frame = compressFrame(new TextEncoder().encode("hello hello hello hello"));
    expect(frame.readUInt32LE(0)).toBe(0x184d2204);
    expect(frame[4]! & 0x20).toBe(0x20);
  });

  test.each([
    ["empty", new Uint8Array(0)],
    ["small text", new TextEncoder().encode("abc ".repeat(10))],
    ["several compressible blocks", new TextEncoder().encode("omb benchmark payload ".repeat(20_000))],
    ["incompressible (stored blocks)", crypto.getRandomValues(new Uint8Array(150_000))],
  ])("round-trip: %s", (_, bytes) => {
    const frame = compressFrame(bytes);
    expect(Buffer.from(decompressFrame(frame)).equals(Buffer.from(bytes))).toBe(true);
  });

  test("compressible input shrinks", () => {
    const bytes = new TextEncoder().encode("omb benchmark payload ".repeat(20_000));
    expect(compressFrame(bytes).length).toBeLessThan(bytes.length / 10);
  });
});
