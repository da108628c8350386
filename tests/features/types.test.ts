import { describe, expect, it } from "vitest";
import { decodeVector, encodeVector } from "@/lib/features/types";

describe("feature vector bytes", () => {
  it("are little-endian float32 and round-trip exactly", () => {
    const v = Float32Array.from([1, -2.5, Math.fround(Math.PI), 0, -0, 3.4e38, 1e-45]);
    const b = encodeVector(v);
    expect(b.length).toBe(v.length * 4);
    expect(b.readFloatLE(4)).toBe(-2.5);
    expect([...b.subarray(0, 4)]).toEqual([0x00, 0x00, 0x80, 0x3f]); // 1.0f
    expect(decodeVector(b)).toEqual(v);
  });

  it("decode from an unaligned slice of a larger buffer", () => {
    const b = Buffer.concat([Buffer.from([7]), encodeVector(Float32Array.from([0.5, 2]))]).subarray(1);
    expect(Array.from(decodeVector(b))).toEqual([0.5, 2]);
  });

  it("encode a view without its neighbours", () => {
    const all = Float32Array.from([1, 2, 3, 4]);
    expect(Array.from(decodeVector(encodeVector(all.subarray(1, 3))))).toEqual([2, 3]);
  });

  it("refuse a byte count that is not a multiple of 4", () => {
    expect(() => decodeVector(Buffer.alloc(6))).toThrow("a feature vector has a multiple of 4 bytes; got 6");
  });
});
