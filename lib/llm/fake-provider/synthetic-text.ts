// Readable, obviously synthetic text for the fake's answers. Every answer
// carries the SYNTHETIC marker so that nothing made here can pass for a
// model's output in a dataset.
import { intBetween, pick, type Rng } from "./random";

export const SYNTHETIC_MARKER = "[synthetic]";

const views = [
  "The axial CT image",
  "The T2-weighted MRI",
  "The frontal chest radiograph",
  "The ultrasound frame",
  "The H&E-stained section",
  "The fundus photograph",
];
const verbs = ["shows", "demonstrates", "reveals", "depicts"];
const findings = [
  "a well-circumscribed nodule",
  "diffuse ground-glass opacity",
  "a hypoechoic mass",
  "mild cortical thinning",
  "a small pleural effusion",
  "patchy contrast enhancement",
  "a linear fracture line",
  "focal wall thickening",
];
const places = [
  "in the right upper lobe",
  "in the left kidney",
  "along the medial cortex",
  "at the level of L4",
  "within the hepatic parenchyma",
  "in the posterior fossa",
];
const questions = [
  "What abnormality is visible {place}?",
  "Which imaging technique produced this figure?",
  "What is the most likely explanation for {finding}?",
  "Where is {finding} located?",
  "What should be the next step in evaluating {finding}?",
];

function statement(rng: Rng): string {
  return `${pick(rng, views)} ${pick(rng, verbs)} ${pick(rng, findings)} ${pick(rng, places)}.`;
}

function question(rng: Rng): string {
  return pick(rng, questions).replace("{place}", pick(rng, places)).replace("{finding}", pick(rng, findings));
}

/** Keys whose value reads best as a question (IFT "question", MCQ "question_stem"). */
const QUESTION_KEY = /question|stem|prompt|query/i;
/** Keys that hold prose rather than a phrase. */
const PROSE_KEY = /discussion|explanation|rationale|answer|description|summary|text|content|reason/i;

/**
 * A string for a property named `key`, at least `minLength` and at most
 * `maxLength` characters (a bound wins over readability).
 */
export function syntheticString(rng: Rng, key: string, minLength = 0, maxLength = Infinity): string {
  let text: string;
  if (QUESTION_KEY.test(key)) text = `${SYNTHETIC_MARKER} ${question(rng)}`;
  else if (PROSE_KEY.test(key)) text = `${SYNTHETIC_MARKER} ${statement(rng)} ${statement(rng)}`;
  else text = `${SYNTHETIC_MARKER} ${pick(rng, findings)}`;
  while (text.length < minLength) text += ` ${statement(rng)}`;
  return text.length > maxLength ? text.slice(0, maxLength) : text;
}

/** A plain-text answer: a few sentences. */
export function syntheticParagraph(rng: Rng): string {
  const sentences = Array.from({ length: intBetween(rng, 2, 4) }, () => statement(rng));
  return `${SYNTHETIC_MARKER} ${sentences.join(" ")}`;
}

export const REFUSAL_TEXT = `${SYNTHETIC_MARKER} I'm sorry, but I can't help with that request.`;
