import { describe, expect, it } from "vitest";
import { chiSquareSurvival, logGamma, regularizedGammaQ } from "./chi-square";

describe("chiSquareSurvival", () => {
  // Critical values from standard χ² tables.
  it.each([
    [3.841, 1, 0.05],
    [6.635, 1, 0.01],
    [5.991, 2, 0.05],
    [7.815, 3, 0.05],
    [11.07, 5, 0.05],
    [15.086, 5, 0.01],
    [18.307, 10, 0.05],
    [23.209, 10, 0.01],
    [0.455, 1, 0.5], // medians: the series branch (x/2 < df/2 + 1)
    [4.351, 5, 0.5],
    [29.336, 30, 0.5],
  ])("χ² = %f, df = %i → p ≈ %f", (x, df, p) => {
    expect(chiSquareSurvival(x, df)).toBeCloseTo(p, 3);
  });

  it("is 1 at zero for any df", () => {
    for (const df of [1, 2, 3, 8, 50]) expect(chiSquareSurvival(0, df)).toBe(1);
  });

  it("matches the closed form for df = 2 (exp(−x/2)) across both branches", () => {
    for (const x of [0.1, 1, 3.9, 4.1, 10, 40]) expect(chiSquareSurvival(x, 2)).toBeCloseTo(Math.exp(-x / 2), 12);
  });

  it("goes to 0 far in the tail without becoming negative or NaN", () => {
    const p = chiSquareSurvival(200, 3);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThan(1e-40);
  });

  it("refuses a non-positive df", () => {
    expect(() => chiSquareSurvival(1, 0)).toThrow(RangeError);
  });
});

describe("its parts", () => {
  it("logGamma matches factorials and Γ(1/2) = √π", () => {
    expect(logGamma(1)).toBeCloseTo(0, 12);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
    expect(logGamma(0.25)).toBeCloseTo(Math.log(3.625609908221908), 12);
  });

  it("Q(1, x) = exp(−x)", () => {
    for (const x of [0.5, 2, 7]) expect(regularizedGammaQ(1, x)).toBeCloseTo(Math.exp(-x), 12);
  });
});
