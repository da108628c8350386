// Checks on a model's output after JSON parsing: the zod schema first (shape,
// counts, lengths), then semantic checks the reference never made. Each
// problem says what is wrong and where, in words a curator can act on.
import type { z } from "zod";
import { ddxOutputSchema, iftOutputSchema, mcqOutputSchema, type DdxOutput, type IftOutput, type McqOutput } from "./schemas";

export type ProblemCode =
  | "schema"
  | "ift.mentions_source_text"
  | "ift.duplicate_question"
  | "mcq.correct_index_out_of_range"
  | "mcq.duplicate_options"
  | "mcq.options_lettered"
  | "mcq.answer_in_stem"
  | "mcq.order_dependent_option"
  | "mcq.discussion_cites_letter"
  | "ddx.duplicate_diagnosis"
  | "ddx.numbered_entries"
  | "ddx.mentions_source_text";

export interface TaskProblem {
  /** "schema" means the output cannot be finalized; the others can, but need a curator. */
  code: ProblemCode;
  /** Where in the output, e.g. "options[2]"; "" for the whole output. */
  path: string;
  message: string;
}

export const checkIft = (output: unknown) => check(iftOutputSchema, output, iftProblems);
export const checkMcq = (output: unknown) => check(mcqOutputSchema, output, mcqProblems);
export const checkDdx = (output: unknown) => check(ddxOutputSchema, output, ddxProblems);

function check<T>(schema: z.ZodType<T>, output: unknown, semantic: (parsed: T) => TaskProblem[]): TaskProblem[] {
  const parsed = schema.safeParse(output);
  if (parsed.success) return semantic(parsed.data);
  return parsed.error.issues.map((issue) => {
    const path = formatPath(issue.path);
    return { code: "schema", path, message: `${path || "output"}: ${issue.message}` };
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${String(p)}`)).join("");
}

// Phrases that tell the reader a caption or article exists. "the text" is
// allowed when it is text inside the image (labels, annotations).
const SOURCE_TEXT = [
  /\bcaptions?\b/i,
  /\bfigure (?:legends?|context)\b/i,
  /\bthe text\b(?!\s+(?:labels?|annotations?|(?:in|on|within|inside|overlaid on) the (?:image|figure|panel|scan|photo(?:graph)?|picture)))/i,
  /\b(?:accompanying|surrounding|article|main|body) text\b/i,
  /\b(?:the|this) (?:article|paper|manuscript|publication)\b/i,
  /\bthe authors?\b/i,
];

function sourceTextMention(text: string): string | undefined {
  for (const pattern of SOURCE_TEXT) {
    const match = pattern.exec(text);
    if (match) return match[0];
  }
  return undefined;
}

/** Case, spacing and trailing punctuation do not make two entries different. */
const normalize = (s: string) =>
  s
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/[\s.,;:!?]+$/, "")
    .trim();

/** [index, index of its earlier twin] for every entry that repeats an earlier one. */
function repeats(items: readonly string[]): Array<[number, number]> {
  const first = new Map<string, number>();
  const out: Array<[number, number]> = [];
  items.forEach((item, i) => {
    const key = normalize(item);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, i);
    else out.push([i, earlier]);
  });
  return out;
}

function iftProblems(output: IftOutput): TaskProblem[] {
  const problems: TaskProblem[] = [];
  output.qa_pairs.forEach((pair, i) => {
    for (const field of ["question", "answer"] as const) {
      const found = sourceTextMention(pair[field]);
      if (found) {
        problems.push({
          code: "ift.mentions_source_text",
          path: `qa_pairs[${i}].${field}`,
          message: `pair ${i + 1} ${field} says "${found}", which tells the reader that text accompanies the image; rephrase it to rely on the image alone or drop the pair`,
        });
      }
    }
  });
  for (const [i, earlier] of repeats(output.qa_pairs.map((p) => p.question))) {
    problems.push({
      code: "ift.duplicate_question",
      path: `qa_pairs[${i}].question`,
      message: `question ${i + 1} repeats question ${earlier + 1}; remove or replace it`,
    });
  }
  return problems;
}

const LETTERS = "ABCDEFGHI";
const POSITION_LABEL = /^\s*\(?([A-Za-z]|\d{1,2})[.):]\s+/;
// "answer A", "option (C)"; a bare "I" only before punctuation, so that
// "the answer I would choose" is not taken for a letter.
const LETTER_CITATION = /\b(?:[Oo]ption|[Cc]hoice|[Aa]nswer)s?\s+\(?(?:[A-H]|I(?=[.,;:)]|$))\)?(?![\w'])/m;
const REFERS_TO_OPTIONS = [
  /\b(?:all|none|both|neither) of the above\b/i,
  /\b(?:[Bb]oth|[Ee]ither|[Nn]either) [A-I] (?:and|or|nor) [A-I]\b/,
  LETTER_CITATION,
];

function mcqProblems(output: McqOutput): TaskProblem[] {
  const problems: TaskProblem[] = [];
  const { options, correct_option_index: index } = output;
  const correct = options[index];
  if (correct === undefined) {
    problems.push({
      code: "mcq.correct_index_out_of_range",
      path: "correct_option_index",
      message: `correct_option_index is ${index} but there are only ${options.length} options (0 to ${options.length - 1}); fix the index or regenerate`,
    });
  } else if (appearsIn(correct, output.question_stem)) {
    problems.push({
      code: "mcq.answer_in_stem",
      path: "question_stem",
      message: `the stem contains the correct option's text ("${correct}"), which gives the answer away; reword the stem`,
    });
  }
  for (const [i, earlier] of repeats(options)) {
    problems.push({
      code: "mcq.duplicate_options",
      path: `options[${i}]`,
      message: `option ${i + 1} ("${options[i]}") repeats option ${earlier + 1}; replace it with a different distractor`,
    });
  }
  const labelled = options.filter((option, i) => {
    const label = POSITION_LABEL.exec(option)?.[1]?.toUpperCase();
    return label === LETTERS[i] || label === String(i + 1);
  });
  if (labelled.length >= 2) {
    problems.push({
      code: "mcq.options_lettered",
      path: "options",
      message: `options already carry letters or numbers (e.g. "${labelled[0]}"); remove them, since options are shuffled and lettered afterwards`,
    });
  }
  options.forEach((option, i) => {
    if (REFERS_TO_OPTIONS.some((pattern) => pattern.test(option))) {
      problems.push({
        code: "mcq.order_dependent_option",
        path: `options[${i}]`,
        message: `option ${i + 1} ("${option}") refers to other options, which breaks once options are shuffled; replace it`,
      });
    }
  });
  const citation = LETTER_CITATION.exec(output.discussion);
  if (citation) {
    problems.push({
      code: "mcq.discussion_cites_letter",
      path: "discussion",
      message: `the discussion cites "${citation[0]}", but letters are assigned after shuffling; refer to options by their content`,
    });
  }
  return problems;
}

/** Whole-word, case-insensitive containment; very short options (e.g. "CT") are too common to judge. */
function appearsIn(needle: string, haystack: string): boolean {
  const n = normalize(needle);
  if (n.length < 3) return false;
  const escaped = n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(normalize(haystack));
}

const NUMBERED = /^\s*(?:\d{1,2}[.)]|[-•*])\s+/;

function ddxProblems(output: DdxOutput): TaskProblem[] {
  const problems: TaskProblem[] = [];
  const found = sourceTextMention(output.one_liner);
  if (found) {
    problems.push({
      code: "ddx.mentions_source_text",
      path: "one_liner",
      message: `the one-liner says "${found}", which tells the reader that text accompanies the image; rephrase it as a case summary`,
    });
  }
  for (const [i, earlier] of repeats(output.ddx)) {
    problems.push({
      code: "ddx.duplicate_diagnosis",
      path: `ddx[${i}]`,
      message: `diagnosis ${i + 1} ("${output.ddx[i]}") repeats diagnosis ${earlier + 1}; remove it or replace it with another diagnosis`,
    });
  }
  output.ddx.forEach((diagnosis, i) => {
    if (NUMBERED.test(diagnosis)) {
      problems.push({
        code: "ddx.numbered_entries",
        path: `ddx[${i}]`,
        message: `diagnosis ${i + 1} ("${diagnosis}") starts with a number or bullet; store the bare name, numbering is added when the conversation is built`,
      });
    }
  });
  return problems;
}
