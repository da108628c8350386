// Models put the correct option in favourite positions; the reference stored
// their order as is. We shuffle the options with a seed derived from the
// sample id (so the same sample always gets the same letters) and letter them
// afterwards, which makes the correct letter uniform over many samples.
import { createRng, shuffle } from "@/lib/labels/math/random";
import type { McqOutput, McqStored } from "./schemas";
import { seedFrom } from "./seed";

export const OPTION_LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H", "I"] as const;

export function letterMcq(generated: McqOutput, sampleId: string): McqStored {
  const { options, correct_option_index: correctIndex } = generated;
  if (options.length > OPTION_LETTERS.length) throw new RangeError(`an MCQ has at most ${OPTION_LETTERS.length} options, got ${options.length}`);
  if (options[correctIndex] === undefined) throw new RangeError(`correct_option_index ${correctIndex} is outside the ${options.length} options`);
  // Namespaced so the option order does not correlate with other draws seeded by the same id.
  const order = shuffle(
    options.map((_, i) => i),
    createRng(seedFrom(`mcq-letters:${sampleId}`)),
  );
  const answerChoices = order.map((from, to) => `${OPTION_LETTERS[to]}. ${options[from]}`);
  const position = order.indexOf(correctIndex);
  return {
    question_stem: generated.question_stem,
    answer_choices: answerChoices,
    correct_answer: answerChoices[position]!,
    correct_letter: OPTION_LETTERS[position]!,
    discussion: generated.discussion,
  };
}
