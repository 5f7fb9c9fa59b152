import { describe, expect, test } from "bun:test";
import { decodeOmbHeaders, HeaderEncoder, OMB_HEADER, type OmbHeaderFields } from "./headers";
import { createKeyDistributor, KEY_POOL_SIZE, keys, ZIPF_EXPONENT } from "./key-distributor";
import { MessageFactory } from "./message-factory";
import { PayloadPool } from "./payload";
import { MAX_SEQUENCE } from "../stats/sequence-set";
import { wallClockMicros, wallClockMicrosAt } from "./wall-clock";

describe("PayloadPool", () => {
  test("file bytes, zeros", () => {
    const file = new PayloadPool({ kind: "file", base64: Buffer.from("hello omb").toString("base64") });
    expect(file.next().toString()).toBe("hello omb");
    expect(file.size).toBe(9);
    const zeros = new PayloadPool({ kind: "zeros", size: 1024 });
    expect(zeros.next()).toEqual(Buffer.alloc(1024));
  });

  test("randomized pool: random for randomBytesRatio of the length, zeros after, several distinct payloads", () => {
    const pool = new PayloadPool({ kind: "random", size: 1000, randomBytesRatio: 0.3, poolSize: 8 }, 42);
    const seen = new Set<Buffer>();
    for (let i = 0; i < 200; i++) {
      const p = pool.next();
      expect(p.length).toBe(1000);
      expect(p.subarray(300).every((b) => b === 0)).toBe(true);
      // 300 random bytes are all zero with probability 256^-300.
      expect(p.subarray(0, 300).some((b) => b !== 0)).toBe(true);
      seen.add(p);
    }
    expect(seen.size).toBe(8);
    expect(() => new PayloadPool({ kind: "random", size: 10, randomBytesRatio: 1.5, poolSize: 1 })).toThrow(
      /randomBytesRatio/,
    );
  });

  test("payloads are Buffers (kafkajs stringifies plain Uint8Arrays)", () => {
    expect(Buffer.isBuffer(new PayloadPool({ kind: "zeros", size: 1 }).next())).toBe(true);
  });
});

describe("key distributors", () => {
  test("NO_KEY gives null", () => {
    expect(createKeyDistributor("NO_KEY").next()).toBeNull();
  });

  test("the pool: 10,000 distinct 10-char base64url keys, the same in every process", () => {
    const pool = keys();
    expect(pool.length).toBe(KEY_POOL_SIZE);
    expect(new Set(pool.map((k) => k.toString())).size).toBe(KEY_POOL_SIZE);
    expect(pool.every((k) => /^[A-Za-z0-9_-]{10}$/.test(k.toString()))).toBe(true);
    // Fixed seed: these keys are pinned, so a pool built from another seed (or
    // none) fails here — processes and hosts would disagree on keys.
    expect([pool[0], pool[1], pool[KEY_POOL_SIZE - 1]].map((k) => k!.toString())).toEqual(["46lPLAqxjg", "gHaMEB67Dw", "EOyaDUxbgQ"]);
  });

  test("KEY_ROUND_ROBIN cycles through the whole pool", () => {
    const d = createKeyDistributor("KEY_ROUND_ROBIN");
    const first = Array.from({ length: KEY_POOL_SIZE }, () => d.next()!);
    expect(new Set(first).size).toBe(KEY_POOL_SIZE);
    expect(d.next()).toBe(first[0]!);
  });

  test("RANDOM_NANO is uniform over the pool", () => {
    const d = createKeyDistributor("RANDOM_NANO", 7);
    const hits = new Map<Buffer, number>();
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const k = d.next()!;
      hits.set(k, (hits.get(k) ?? 0) + 1);
    }
    expect(hits.size).toBeGreaterThan(9_900);
    // Expected 20 per key; a uniform draw stays well under 3x that.
    expect(Math.max(...hits.values())).toBeLessThan(60);
  });

  test("ZIP_LATENT follows Zipf(0.99): the top key gets ~1/H of the messages, rank 10 ~1/11^0.99 of that", () => {
    const d = createKeyDistributor("ZIP_LATENT", 11);
    const pool = keys();
    const n = 400_000;
    const hits = new Map<Buffer, number>();
    for (let i = 0; i < n; i++) {
      const k = d.next()!;
      hits.set(k, (hits.get(k) ?? 0) + 1);
    }
    let h = 0;
    for (let k = 1; k <= KEY_POOL_SIZE; k++) h += 1 / k ** ZIPF_EXPONENT;
    const top = (hits.get(pool[0]!) ?? 0) / n;
    expect(top).toBeGreaterThan(0.95 / h);
    expect(top).toBeLessThan(1.05 / h);
    const tenth = (hits.get(pool[10]!) ?? 0) / n;
    expect(tenth / top).toBeGreaterThan(0.8 / 11 ** ZIPF_EXPONENT);
    expect(tenth / top).toBeLessThan(1.2 / 11 ** ZIPF_EXPONENT);
    // The head as a whole: the 100 hottest keys.
    let head = 0;
    for (let k = 1; k <= 100; k++) head += 1 / k ** ZIPF_EXPONENT;
    const headHits = pool.slice(0, 100).reduce((sum, key) => sum + (hits.get(key) ?? 0), 0) / n;
    expect(Math.abs(headHits - head / h)).toBeLessThan(0.01);
  });
});

describe("omb headers", () => {
  test("encode → decode round trip (sequences up to MAX_SEQUENCE, times up to 2^53)", () => {
    const encoder = new HeaderEncoder("run-7/producer-ü-3");
    for (const [sequence, time] of [
      [0, 0],
      [1, 1_790_000_000_123_456],
      [2 ** 32 - 1, 2 ** 32],
      [MAX_SEQUENCE, Number.MAX_SAFE_INTEGER],
    ] as const) {
      expect(decodeOmbHeaders(encoder.encode(sequence, time))).toEqual({
        producerId: "run-7/producer-ü-3",
        sequence,
        sendTimeMicros: time,
        probe: false,
      });
    }
  });

  test("one header named omb, a Buffer of its own per message", () => {
    const headers = new HeaderEncoder("p").encode(5, 6);
    expect(Object.keys(headers)).toEqual([OMB_HEADER]);
    expect(Buffer.isBuffer(headers[OMB_HEADER])).toBe(true);
    // The driver may hold the buffer until the ack.
    const other = new HeaderEncoder("p").encode(5, 6);
    expect(other[OMB_HEADER]).not.toBe(headers[OMB_HEADER]);
    expect(other[OMB_HEADER]).toEqual(headers[OMB_HEADER]!);
  });

  test("probes are flagged and outside the sequence", () => {
    expect(decodeOmbHeaders(new HeaderEncoder("p").encodeProbe(99))).toEqual({
      producerId: "p",
      sequence: -1,
      sendTimeMicros: 99,
      probe: true,
    });
  });

  test("messages without (or with a malformed) omb header decode to undefined", () => {
    expect(decodeOmbHeaders({})).toBeUndefined();
    expect(decodeOmbHeaders({ other: Buffer.from("x") })).toBeUndefined();
    const good = new HeaderEncoder("p").encode(1, 2)[OMB_HEADER]!;
    const altered = (at: number, byte: number) => {
      const copy = Buffer.from(good);
      copy[at] = byte;
      return { [OMB_HEADER]: copy };
    };
    expect(decodeOmbHeaders({ [OMB_HEADER]: good.subarray(0, 17) })).toBeUndefined(); // no producer id
    expect(decodeOmbHeaders(altered(0, 7))).toBeUndefined(); // unknown flags
    expect(decodeOmbHeaders(altered(1, 0xff))).toBeUndefined(); // sequence beyond 2^53
    expect(decodeOmbHeaders(altered(9, 0xff))).toBeUndefined(); // time beyond 2^53
    expect(decodeOmbHeaders(new HeaderEncoder("p").encode(MAX_SEQUENCE + 1, 2))).toBeUndefined();
  });

  test("decode can fill a reused object (no allocation per message)", () => {
    const into: OmbHeaderFields = { producerId: "", sequence: 0, sendTimeMicros: 0, probe: false };
    const result = decodeOmbHeaders(new HeaderEncoder("q").encode(3, 4), into);
    expect(result).toBe(into);
    expect(into).toEqual({ producerId: "q", sequence: 3, sendTimeMicros: 4, probe: false });
  });
});

describe("MessageFactory", () => {
  test("builds key, payload and headers", () => {
    const factory = new MessageFactory(
      "p1",
      new PayloadPool({ kind: "zeros", size: 100 }),
      createKeyDistributor("KEY_ROUND_ROBIN"),
    );
    const m = factory.next(41, 1_000_000);
    expect(m.value.length).toBe(100);
    expect(m.key).toBe(keys()[0]!);
    expect(decodeOmbHeaders(m.headers)).toEqual({ producerId: "p1", sequence: 41, sendTimeMicros: 1_000_000, probe: false });
    expect(factory.next(42, 1).key).toBe(keys()[1]!);
  });
});

describe("wall clock", () => {
  test("µs since the epoch, and the same clock from a Bun.nanoseconds() reading", () => {
    const before = wallClockMicros();
    const derived = wallClockMicrosAt(Bun.nanoseconds());
    const after = wallClockMicros();
    expect(Math.abs(before - Date.now() * 1000)).toBeLessThan(5_000);
    // Between the readings around it, however long a busy host took between them
    // (1 ms of slack: the origin itself was taken from two readings at load).
    expect(derived).toBeGreaterThanOrEqual(before - 1000);
    expect(derived).toBeLessThanOrEqual(after + 1000);
  });
});
