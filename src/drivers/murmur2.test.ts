import { describe, expect, test } from "bun:test";
import { murmur2, partitionForKey } from "./murmur2";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("murmur2", () => {
  // Expected values are Java's Utils.murmur2 (Kafka's UtilsTest and librdkafka's
  // rdmurmur2 test vectors), covering every tail length 0..3.
  test.each([
    ["21", -973932308],
    ["foobar", -790332482],
    ["a-little-bit-long-string", -985981536],
    ["a-little-bit-longer-string", -1486304829],
    ["lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971],
    ["abc", 479470107],
    ["1", -1993445489],
    ["12", 126087238],
    ["123", -267702483],
    ["1234", -1614185708],
    ["12345", -1188365604],
  ])("%p hashes like Java", (key, expected) => {
    expect(murmur2(bytes(key))).toBe(expected);
  });

  test("partitionForKey is non-negative and below the partition count", () => {
    for (const key of ["21", "foobar", "abc", "12345"]) {
      const p = partitionForKey(bytes(key), 7);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(7);
    }
    // -973932308 & 0x7fffffff = 1173551340; mod 16 = 12
    expect(partitionForKey(bytes("21"), 16)).toBe(12);
  });
});
