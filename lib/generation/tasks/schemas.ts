// What a model must return for each task, and what we store after
// finalizing. The output schemas are also turned into the JSON Schema sent to
// the provider (json-schema.ts), so everything here must stay inside what
// that converter accepts: plain objects, arrays, strings and integers, no
// optional fields. Bounds (counts, lengths) live here and are enforced by zod
// after parsing; the provider only sees them as descriptions.
import { z } from "zod";

export type TaskKind = "ift" | "mcq" | "ddx";

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is empty`)
    .max(max, `${what} is longer than ${max} characters`);

export const iftOutputSchema = z
  .object({
    qa_pairs: z
      .array(
        z
          .object({
            question: text(600, "question").describe("A question about what the image shows."),
            answer: text(2000, "answer").describe("The answer, grounded in the image."),
          })
          .strict(),
      )
      .min(2, "give at least 2 question/answer pairs")
      .max(6, "give at most 6 question/answer pairs")
      .describe("The conversation, in order: each pair is one user question and one assistant answer."),
  })
  .strict();

export const mcqOutputSchema = z
  .object({
    question_stem: text(2500, "question stem").describe(
      "A clinical vignette that ends with a single question; it must not contain the answer.",
    ),
    options: z
      .array(text(300, "option"))
      .min(4, "give at least 4 options")
      .max(9, "give at most 9 options")
      .describe("The answer options as plain text, without letters or numbers; exactly one is correct."),
    correct_option_index: z
      .number()
      .int("correct_option_index must be a whole number")
      .min(0, "correct_option_index must be 0 or more")
      .max(8, "correct_option_index must be at most 8")
      .describe("0-based position of the correct option in options."),
    discussion: text(5000, "discussion").describe(
      "Why the correct option is right and why each distractor is wrong, without referring to options by letter or position.",
    ),
  })
  .strict();

export const ddxOutputSchema = z
  .object({
    one_liner: text(500, "one-liner").describe("A one-sentence case summary, as a clinician would present it."),
    ddx: z
      .array(text(200, "diagnosis"))
      .min(5, "give at least 5 diagnoses")
      .max(11, "give at most 11 diagnoses")
      .describe("The differential diagnosis, most likely first, one diagnosis per entry, unnumbered."),
  })
  .strict();

/** An MCQ as stored and exported: options shuffled and lettered "A. …". */
export const mcqStoredSchema = z
  .object({
    question_stem: z.string().min(1),
    answer_choices: z.array(z.string().min(1)).min(4).max(9),
    correct_answer: z.string().min(1),
    correct_letter: z.string().regex(/^[A-I]$/),
    discussion: z.string().min(1),
  })
  .superRefine((mcq, ctx) => {
    mcq.answer_choices.forEach((choice, i) => {
      const letter = String.fromCharCode(65 + i);
      if (!choice.startsWith(`${letter}. `)) {
        ctx.addIssue({ code: "custom", message: `choice ${i + 1} does not start with "${letter}. "`, path: ["answer_choices", i] });
      }
    });
    const index = mcq.correct_letter.charCodeAt(0) - 65;
    if (mcq.answer_choices[index] !== mcq.correct_answer) {
      ctx.addIssue({ code: "custom", message: "correct_answer is not the option at correct_letter", path: ["correct_answer"] });
    }
  });

export type IftOutput = z.infer<typeof iftOutputSchema>;
export type McqOutput = z.infer<typeof mcqOutputSchema>;
export type DdxOutput = z.infer<typeof ddxOutputSchema>;
export type McqStored = z.infer<typeof mcqStoredSchema>;
// IFT and DDx are stored as generated (after zod's trimming).
export type IftStored = IftOutput;
export type DdxStored = DdxOutput;
