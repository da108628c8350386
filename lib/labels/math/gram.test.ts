import { describe, expect, it } from "vitest";
import { gramJs } from "./gram";
import { createRng } from "./random";

function naiveGram(X: Float32Array, n: number, d: number): Float64Array {
  const G = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += X[r * d + i]! * X[r * d + j]!;
      G[i * d + j] = s;
    }
  return G;
}

describe("gramJs", () => {
  // Shapes around the 3-column register block and the 64-row panel.
  it.each([
    [1, 1],
    [2, 3],
    [5, 4],
    [64, 7],
    [150, 11],
    [200, 30],
  ])("matches the naive Xᵀ X for %i×%i", (n, d) => {
    const rng = createRng(n * 100 + d);
    const X = Float32Array.from({ length: n * d }, () => rng.normal() * 3 + 1);
    const G = gramJs(X, n, d);
    const ref = naiveGram(X, n, d);
    for (let i = 0; i < d * d; i++) expect(G[i]).toBeCloseTo(ref[i]!, 9);
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) expect(G[i * d + j]).toBe(G[j * d + i]);
  });

  it("centres in float64 when given the column means", () => {
    const n = 70;
    const d = 5;
    const rng = createRng(5);
    const X = Float32Array.from({ length: n * d }, () => rng.normal() + 1000); // large offset: float32 centring would lose digits
    const mean = new Float64Array(d);
    for (let r = 0; r < n; r++) for (let i = 0; i < d; i++) mean[i]! += X[r * d + i]! / n;
    const G = gramJs(X, n, d, mean);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let r = 0; r < n; r++) s += (X[r * d + i]! - mean[i]!) * (X[r * d + j]! - mean[j]!);
        expect(G[i * d + j]).toBeCloseTo(s, 9);
      }
  });

  it("rejects a matrix of the wrong size", () => {
    expect(() => gramJs(new Float32Array(5), 2, 3)).toThrow(/expected n·d = 6/);
    expect(() => gramJs(new Float32Array(6), 2, 3, new Float64Array(2))).toThrow(/expected d = 3/);
  });
});
