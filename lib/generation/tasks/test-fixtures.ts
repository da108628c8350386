// Small hand-written samples shared by the unit tests (not used by the app).
import type { DdxOutput, IftOutput, McqOutput, McqStored } from "./schemas";

export const iftSample: IftOutput = {
  qa_pairs: [
    { question: "What modality is this?", answer: "Non-contrast CT." },
    { question: "What is the finding?", answer: "A left epidural hematoma." },
  ],
};

export const mcqGenerated: McqOutput = {
  question_stem: "A 30-year-old man is struck on the head. What is the most likely diagnosis?",
  options: ["Subdural hematoma", "Epidural hematoma", "Contusion", "Subarachnoid hemorrhage"],
  correct_option_index: 1,
  discussion: "The collection is biconvex.",
};

export const mcqStored: McqStored = {
  question_stem: mcqGenerated.question_stem,
  answer_choices: ["A. Subdural hematoma", "B. Epidural hematoma", "C. Contusion", "D. Subarachnoid hemorrhage"],
  correct_answer: "B. Epidural hematoma",
  correct_letter: "B",
  discussion: mcqGenerated.discussion,
};

export const ddxSample: DdxOutput = {
  one_liner: "A 50-year-old woman with headache; MRI shows a dural-based enhancing mass.",
  ddx: ["Meningioma", "Dural metastasis", "Solitary fibrous tumour", "Lymphoma", "Sarcoidosis"],
};
