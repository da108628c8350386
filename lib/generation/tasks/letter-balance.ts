// Is the correct letter spread evenly over a set of MCQs? Questions have 4 to
// 9 options, so the expected count of letter L sums, over the questions that
// have an option L, 1 / (that question's option count): letters late in the
// alphabet are rarer by design, not by bias.
//
// Pearson's statistic against those expectations with (letters − 1) degrees
// of freedom is exact when all questions have the same number of options; with
// mixed counts the true variance is a little smaller than the test assumes,
// so it errs towards not flagging (conservative), never towards false alarms.
import { chiSquareSurvival } from "./chi-square";
import { OPTION_LETTERS } from "./lettering";
import type { McqStored } from "./schemas";

export interface LetterCount {
  letter: string;
  observed: number;
  expected: number;
}

export interface LetterDistribution {
  /** Letters that at least one question offers, in order. */
  letters: LetterCount[];
  statistic: number;
  df: number;
  /** 1 when there is nothing to test (fewer than two possible letters). */
  pValue: number;
}

export function letterDistribution(mcqs: ReadonlyArray<Pick<McqStored, "answer_choices" | "correct_letter">>): LetterDistribution {
  const letters: LetterCount[] = [];
  for (const mcq of mcqs) {
    const n = mcq.answer_choices.length;
    if (n > OPTION_LETTERS.length) throw new RangeError(`an MCQ has at most ${OPTION_LETTERS.length} options, got ${n}`);
    for (let i = 0; i < n; i++) {
      const count = (letters[i] ??= { letter: OPTION_LETTERS[i]!, observed: 0, expected: 0 });
      count.expected += 1 / n;
      if (count.letter === mcq.correct_letter) count.observed += 1;
    }
  }
  const statistic = letters.reduce((s, { observed, expected }) => s + (observed - expected) ** 2 / expected, 0);
  const df = Math.max(letters.length - 1, 0);
  return { letters, statistic, df, pValue: df > 0 ? chiSquareSurvival(statistic, df) : 1 };
}
