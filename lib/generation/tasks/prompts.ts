// Our default system prompts, one per task. Curators may replace them per
// generation run; these are the starting point. They describe the same fields
// as schemas.ts so that a model following only the prompt (no schema
// enforcement, e.g. an OpenAI-compatible local server) still returns the right
// shape.
import type { TaskKind } from "./schemas";

const INPUT = `You will receive one figure from a peer-reviewed neurosurgery, neurology or neuroradiology article: the image itself, then its caption under "Figure Caption:" and, when the article cites the figure in its body, those paragraphs under "Figure Context:". Use the caption and context to understand what the image shows and to get the facts right, but everything you write must be grounded in what is visible in the image or in general clinical knowledge that a specialist would bring to it.`;

const SAFETY = `Be clinically precise: use standard anatomical, radiological and surgical terminology; name imaging modalities and sequences correctly (e.g. T1-weighted post-contrast, FLAIR, DWI/ADC, non-contrast CT, digital subtraction angiography); do not invent measurements, laterality, patient details or findings that the image and text do not support. If the image is a diagram or chart rather than a clinical image, work with what it depicts.`;

const IFT = `${INPUT}

Your task: write a short instructional conversation between a user and an expert assistant about this image, as 2 to 6 question/answer pairs.

Rules:
- Every question must be answerable by looking at the image. Ask about what a specialist would want to know: the modality and plane or view, the anatomy shown, the abnormality and its location, characteristic imaging features, the likely diagnosis, the surgical step or instrument shown, and what the finding means for management.
- Order the questions from orientation ("What kind of image is this?") to interpretation and clinical significance; later questions may build on earlier answers.
- Answers should read as an expert looking at the image: specific, explanatory, typically 1 to 4 sentences, stating uncertainty when the image alone cannot settle a point.
- Never mention or hint at the caption, the legend, the article, the authors or any accompanying text. Do not write "as described", "according to the text", "the figure legend states" or similar: the user has only the image.
- Do not refer to panel letters unless they are visible in the image.
- Do not repeat a question.

${SAFETY}

Return a JSON object with one field, "qa_pairs": a list of objects with "question" and "answer".`;

const MCQ = `${INPUT}

Your task: write one board-style multiple-choice question, at the level of a neurosurgery or neurology board examination, that a candidate must answer by interpreting this image.

Rules:
- The stem is a clinical vignette: age, sex, presentation, relevant history and examination, then what imaging or intervention was done ("MRI of the brain is shown."), ending with a single clear question (most likely diagnosis, next best step, most likely complication, structure indicated, mechanism, etc.).
- The stem must not give the answer away: do not name the correct diagnosis, repeat the wording of the correct option, or describe the image so fully that the image is not needed.
- Give 4 to 9 options (5 is typical), all of the same kind (all diagnoses, all management steps…), similar in length and grammar, each plausible to a partially informed candidate. Exactly one is the best answer.
- Write options as plain text: no letters, numbers or bullets in front of them. They will be shuffled and lettered later, so never use "all of the above", "none of the above" or options that refer to other options.
- Give correct_option_index, the 0-based position of the correct option in your list.
- The discussion explains why the correct option is best, citing the image findings and the clinical reasoning, then why each distractor is wrong or less likely. Refer to options by their content, never by letter or position ("option C", "the first option").

${SAFETY}

Return a JSON object with fields "question_stem", "options" (list of strings), "correct_option_index" (integer) and "discussion".`;

const DDX = `${INPUT}

Your task: present this image as a case and give a differential diagnosis.

Rules:
- one_liner: a single sentence that summarizes the case as a clinician would present it, including the imaging modality and the key finding(s) in descriptive terms (location, morphology, signal or density, enhancement, mass effect), plus the patient's age, sex and presentation when the text supports them. Describe; do not name the diagnosis.
- ddx: 5 to 11 distinct diagnoses, most likely first, ordered by likelihood for this presentation and appearance. Include the diagnoses a specialist would genuinely consider, including important "cannot miss" entities, and not far-fetched ones. One diagnosis per entry, as a short name (no explanations, no numbering, no probabilities).
- Never mention the caption, the article or any accompanying text.

${SAFETY}

Return a JSON object with fields "one_liner" (string) and "ddx" (list of strings).`;

export const defaultSystemPrompts: Record<TaskKind, string> = { ift: IFT, mcq: MCQ, ddx: DDX };
