import { describe, expect, it } from "vitest";
import { cohenKappa, fleissFromLabels, fleissKappa } from "./kappa";

/** Two raters' labels from a 2×2 table: [yes/yes, yes/no, no/yes, no/no]. */
function fromTable([yy, yn, ny, nn]: [number, number, number, number]): [number[], number[]] {
  const pairs = [
    ...Array<[number, number]>(yy).fill([1, 1]),
    ...Array<[number, number]>(yn).fill([1, 0]),
    ...Array<[number, number]>(ny).fill([0, 1]),
    ...Array<[number, number]>(nn).fill([0, 0]),
  ];
  return [pairs.map((p) => p[0]), pairs.map((p) => p[1])];
}

// Fleiss (1971) as worked on Wikipedia ("Fleiss' kappa", worked example):
// 10 subjects, 14 raters, 5 categories.
const FLEISS_EXAMPLE = [
  [0, 0, 0, 0, 14],
  [0, 2, 6, 4, 2],
  [0, 0, 3, 5, 6],
  [0, 3, 9, 2, 0],
  [2, 2, 8, 1, 1],
  [7, 7, 0, 0, 0],
  [3, 2, 6, 3, 0],
  [2, 5, 3, 2, 2],
  [6, 5, 2, 1, 0],
  [0, 2, 2, 3, 7],
];

describe("cohenKappa", () => {
  it("matches Wikipedia's grant-proposal example (20/5/10/15 → 0.4)", () => {
    const [a, b] = fromTable([20, 5, 10, 15]);
    expect(cohenKappa(a, b)).toBeCloseTo(0.4, 12);
  });

  it("matches Wikipedia's equal-agreement, different-kappa tables (0.1304 and 0.2593)", () => {
    expect(cohenKappa(...fromTable([45, 15, 25, 15]))).toBeCloseTo(0.1304, 4);
    expect(cohenKappa(...fromTable([25, 35, 5, 35]))).toBeCloseTo(0.2593, 4);
  });

  it("is 1 for perfect agreement and NaN when both raters use one single category", () => {
    expect(cohenKappa([0, 1, 2, 2], [0, 1, 2, 2])).toBe(1);
    expect(cohenKappa([2, 2, 2], [2, 2, 2])).toBeNaN();
    // A category nobody used does not change anything.
    expect(cohenKappa([2, 2, 2], [2, 2, 2], [0, 1, 2])).toBeNaN();
  });

  it("is 0 at chance level and negative below it", () => {
    expect(cohenKappa([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(0, 12);
    expect(cohenKappa([0, 1, 0, 1], [1, 0, 1, 0])).toBe(-1);
  });

  it("rejects empty, mismatched or out-of-category input with a clear message", () => {
    expect(() => cohenKappa([], [])).toThrow(/no items/);
    expect(() => cohenKappa([1, 2], [1])).toThrow(/2 and 1 items/);
    expect(() => cohenKappa([1, 3], [1, 2], [0, 1, 2])).toThrow(/label 3 is not one of the categories 0, 1, 2/);
  });
});

describe("fleissKappa", () => {
  it("matches Fleiss (1971) / Wikipedia's 10 × 14 × 5 example (κ ≈ 0.210)", () => {
    expect(fleissKappa(FLEISS_EXAMPLE)).toBeCloseTo(0.21, 3);
  });

  it("is 1 for perfect agreement and NaN when everyone picks one single category", () => {
    expect(
      fleissKappa([
        [3, 0, 0],
        [0, 3, 0],
        [0, 0, 3],
      ]),
    ).toBe(1);
    expect(
      fleissKappa([
        [0, 0, 4],
        [0, 0, 4],
      ]),
    ).toBeNaN();
  });

  it("rejects empty input and unequal rater counts with a clear message", () => {
    expect(() => fleissKappa([])).toThrow(/no subjects/);
    expect(() => fleissKappa([[1, 0]])).toThrow(/at least 2 ratings/);
    expect(() => fleissKappa([[2, 1], [1, 1]])).toThrow(/subject 1 has 2 ratings, expected 3/);
    expect(() => fleissKappa([[2, 1], [1, 1, 1]])).toThrow(/subject 1 has 3 categories/);
    expect(() => fleissKappa([[2, 1], [1.5, 1.5]])).toThrow(/whole number/);
  });
});

describe("fleissFromLabels", () => {
  it("builds the count table from labels and reproduces the textbook value", () => {
    const labels = FLEISS_EXAMPLE.map((row) => row.flatMap((count, category) => Array<number>(count).fill(category + 1)));
    const r = fleissFromLabels(labels, [1, 2, 3, 4, 5]);
    expect(r).toMatchObject({ subjects: 10, raters: 14, dropped: 0 });
    expect(r.kappa).toBeCloseTo(fleissKappa(FLEISS_EXAMPLE), 14);
  });

  it("equals Scott's π for two raters (Wikipedia's grant example: π = 0.195/0.495)", () => {
    const [a, b] = fromTable([20, 5, 10, 15]);
    const r = fleissFromLabels(
      a.map((x, i) => [x, b[i]!]),
      [0, 1],
    );
    expect(r.kappa).toBeCloseTo(0.195 / 0.495, 12);
  });

  it("drops subjects with fewer labels than the most-labelled ones", () => {
    const r = fleissFromLabels([[2, 2, 2], [0, 0, 0], [1, 1, 1], [2, 1], [0]], [0, 1, 2]);
    expect(r).toEqual({ kappa: 1, subjects: 3, raters: 3, dropped: 2 });
    expect(() => fleissFromLabels([], [0, 1, 2])).toThrow(/no subjects/);
    expect(() => fleissFromLabels([[0], [1]], [0, 1, 2])).toThrow(/at least 2 ratings/);
    expect(() => fleissFromLabels([[0, 7]], [0, 1, 2])).toThrow(/label 7/);
  });
});
