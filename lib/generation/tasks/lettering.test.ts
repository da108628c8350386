import { describe, expect, it } from "vitest";
import { letterDistribution } from "./letter-balance";
import { letterMcq } from "./lettering";
import { mcqStoredSchema, type McqOutput } from "./schemas";

const generated = (n: number, correct = 0): McqOutput => ({
  question_stem: "Stem?",
  options: Array.from({ length: n }, (_, i) => `Option ${i}`),
  correct_option_index: correct,
  discussion: "Because.",
});

describe("letterMcq", () => {
  it("shuffles, letters, and keeps the right answer", () => {
    const mcq = letterMcq(generated(5, 2), "sample-1");
    expect(mcqStoredSchema.parse(mcq)).toEqual(mcq);
    expect(mcq.answer_choices.map((c) => c.slice(0, 3))).toEqual(["A. ", "B. ", "C. ", "D. ", "E. "]);
    expect(mcq.answer_choices.map((c) => c.slice(3)).sort()).toEqual(generated(5).options);
    expect(mcq.correct_answer).toBe(`${mcq.correct_letter}. Option 2`);
    expect(mcq.question_stem).toBe("Stem?");
    expect(mcq.discussion).toBe("Because.");
  });

  it("gives the same letters for the same sample id, and different orders across ids", () => {
    expect(letterMcq(generated(6, 1), "s-42")).toEqual(letterMcq(generated(6, 1), "s-42"));
    const orders = new Set(Array.from({ length: 50 }, (_, i) => letterMcq(generated(6), `s-${i}`).answer_choices.join("|")));
    expect(orders.size).toBeGreaterThan(40);
  });

  it("refuses an index outside the options", () => {
    expect(() => letterMcq(generated(4, 4), "x")).toThrow(/outside the 4 options/);
  });

  it("balances the correct letter over 10,000 ids with 4 to 9 options", () => {
    // Models favour early positions: always put the answer first.
    const mcqs = Array.from({ length: 10_000 }, (_, i) => letterMcq(generated(4 + (i % 6), 0), `sample-${i}`));
    const result = letterDistribution(mcqs);
    expect(result.letters.map((l) => l.letter)).toEqual(["A", "B", "C", "D", "E", "F", "G", "H", "I"]);
    expect(result.df).toBe(8);
    expect(result.pValue).toBeGreaterThan(0.01);
    for (const { observed, expected } of result.letters) expect(Math.abs(observed - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });
});

describe("letterDistribution", () => {
  const stored = (n: number, letter: string) => ({ answer_choices: Array.from({ length: n }, () => "x"), correct_letter: letter });

  it("expects each letter in proportion to the questions that offer it", () => {
    const result = letterDistribution([stored(4, "A"), stored(4, "B"), stored(5, "E"), stored(5, "C")]);
    expect(result.letters.map((l) => [l.letter, l.observed])).toEqual([["A", 1], ["B", 1], ["C", 1], ["D", 0], ["E", 1]]);
    const expected = [0.5 + 0.4, 0.5 + 0.4, 0.5 + 0.4, 0.5 + 0.4, 0.4];
    result.letters.forEach((l, i) => expect(l.expected).toBeCloseTo(expected[i]!, 12));
    expect(result.df).toBe(4);
    const statistic = 3 * (0.1 ** 2 / 0.9) + 0.9 + 0.6 ** 2 / 0.4;
    expect(result.statistic).toBeCloseTo(statistic, 12);
  });

  it("flags an unshuffled set where the answer is always A", () => {
    const result = letterDistribution(Array.from({ length: 200 }, () => stored(5, "A")));
    expect(result.statistic).toBeCloseTo(4 * 40 + 160 ** 2 / 40, 9);
    expect(result.pValue).toBeLessThan(1e-100);
  });

  it("has nothing to test on an empty set", () => {
    expect(letterDistribution([])).toEqual({ letters: [], statistic: 0, df: 0, pValue: 1 });
  });
});
