import { describe, expect, it } from "vitest";
import { checkDdx, checkIft, checkMcq, type TaskProblem } from "./checks";
import { ddxOutputSchema, type McqOutput } from "./schemas";
import { ddxSample as ddx, iftSample as ift, mcqGenerated as mcq } from "./test-fixtures";

const codes = (problems: TaskProblem[]) => problems.map((p) => p.code);

describe("schema problems", () => {
  it("accepts good outputs", () => {
    expect(checkIft(ift)).toEqual([]);
    expect(checkMcq(mcq)).toEqual([]);
    expect(checkDdx(ddx)).toEqual([]);
  });

  it("trims text when parsing, so padding never reaches the stored sample", () => {
    const padded = { ...ddx, one_liner: `  ${ddx.one_liner}\n`, ddx: ddx.ddx.map((d) => ` ${d} `) };
    expect(ddxOutputSchema.parse(padded)).toEqual(ddx);
  });

  it("rejects a wrong shape with the path and a plain reason", () => {
    expect(checkIft({ qa_pairs: [ift.qa_pairs[0]] })).toEqual([
      { code: "schema", path: "qa_pairs", message: "qa_pairs: give at least 2 question/answer pairs" },
    ]);
    expect(checkMcq({ ...mcq, options: ["a", "b", "c"] })).toEqual([
      { code: "schema", path: "options", message: "options: give at least 4 options" },
    ]);
    expect(checkDdx({ ...ddx, ddx: [...ddx.ddx, "  "] })).toEqual([
      { code: "schema", path: "ddx[5]", message: "ddx[5]: diagnosis is empty" },
    ]);
    expect(checkMcq({ ...mcq, correct_option_index: 1.5 })[0]?.message).toBe(
      "correct_option_index: correct_option_index must be a whole number",
    );
  });

  it("rejects missing and unknown fields", () => {
    const noDiscussion: Partial<McqOutput> = { ...mcq };
    delete noDiscussion.discussion;
    expect(checkMcq(noDiscussion)).toMatchObject([{ code: "schema", path: "discussion" }]);
    expect(checkDdx({ ...ddx, confidence: "high" })).toMatchObject([{ code: "schema", message: expect.stringContaining("confidence") }]);
    expect(checkIft("not an object")).toMatchObject([{ code: "schema", path: "" }]);
  });
});

describe("IFT semantic checks", () => {
  it.each([
    "As the caption notes, the lesion enhances.",
    "According to the text, the patient improved.",
    "The figure legend describes a schwannoma.",
    "The authors resected it completely.",
    "This article reports a rare variant.",
  ])("flags a turn that reveals accompanying text: %s", (answer) => {
    const problems = checkIft({ qa_pairs: [ift.qa_pairs[0], { question: "What is shown?", answer }] });
    expect(codes(problems)).toEqual(["ift.mentions_source_text"]);
    expect(problems[0]).toMatchObject({ path: "qa_pairs[1].answer", message: expect.stringMatching(/^pair 2 answer says ".+", which tells/) });
  });

  it("allows text that is part of the image", () => {
    const pairs = [
      { question: "What does the text in the image say?", answer: "It marks the left side with an L." },
      { question: "What do the text labels mark?", answer: "The lateral ventricles; a colour legend shows the scale." },
    ];
    expect(checkIft({ qa_pairs: pairs })).toEqual([]);
  });

  it("flags a repeated question", () => {
    const problems = checkIft({ qa_pairs: [...ift.qa_pairs, { question: "what is the finding", answer: "Again, an epidural." }] });
    expect(problems).toEqual([
      { code: "ift.duplicate_question", path: "qa_pairs[2].question", message: "question 3 repeats question 2; remove or replace it" },
    ]);
  });
});

describe("MCQ semantic checks", () => {
  it("flags a correct index beyond the options", () => {
    expect(checkMcq({ ...mcq, correct_option_index: 4 })).toEqual([
      {
        code: "mcq.correct_index_out_of_range",
        path: "correct_option_index",
        message: "correct_option_index is 4 but there are only 4 options (0 to 3); fix the index or regenerate",
      },
    ]);
  });

  it("flags duplicate options, ignoring case and trailing punctuation", () => {
    const problems = checkMcq({ ...mcq, options: [...mcq.options, "subdural hematoma."] });
    expect(problems).toEqual([
      {
        code: "mcq.duplicate_options",
        path: "options[4]",
        message: 'option 5 ("subdural hematoma.") repeats option 1; replace it with a different distractor',
      },
    ]);
  });

  it("flags options that are already lettered or numbered", () => {
    const lettered = mcq.options.map((o, i) => `${"ABCD"[i]}. ${o}`);
    expect(codes(checkMcq({ ...mcq, options: lettered }))).toEqual(["mcq.options_lettered"]);
    const numbered = mcq.options.map((o, i) => `${i + 1}) ${o}`);
    expect(codes(checkMcq({ ...mcq, options: numbered }))).toEqual(["mcq.options_lettered"]);
    // One option that happens to start like a letter is a name, not a label.
    expect(checkMcq({ ...mcq, options: ["C. difficile colitis", "Crohn disease", "Ulcerative colitis", "Ischemic colitis"] })).toEqual([]);
  });

  it("flags the correct option's text in the stem, as a whole phrase", () => {
    const leaky = { ...mcq, question_stem: `An epidural hematoma is suspected. ${mcq.question_stem}` };
    expect(checkMcq(leaky)).toEqual([
      {
        code: "mcq.answer_in_stem",
        path: "question_stem",
        message: 'the stem contains the correct option\'s text ("Epidural hematoma"), which gives the answer away; reword the stem',
      },
    ]);
    // A distractor in the stem is fine; so is the answer as part of a longer word.
    expect(checkMcq({ ...mcq, question_stem: `No subdural hematoma was seen before. ${mcq.question_stem}` })).toEqual([]);
    expect(checkMcq({ ...mcq, options: ["Fall", "Push", "Blow", "Kick"], correct_option_index: 0, question_stem: "He fell after a fallback. Mechanism?" })).toEqual([]);
  });

  it("flags options that depend on their order", () => {
    const problems = checkMcq({ ...mcq, options: [...mcq.options, "All of the above", "Both A and C"] });
    expect(codes(problems)).toEqual(["mcq.order_dependent_option", "mcq.order_dependent_option"]);
    expect(problems[0]?.message).toContain("breaks once options are shuffled");
  });

  it("flags a discussion that cites letters, but not the pronoun I", () => {
    const problems = checkMcq({ ...mcq, discussion: "Answer A is right because the collection is biconvex." });
    expect(problems).toMatchObject([{ code: "mcq.discussion_cites_letter", message: expect.stringContaining('"Answer A"') }]);
    expect(codes(checkMcq({ ...mcq, discussion: "Option (C) is wrong here." }))).toEqual(["mcq.discussion_cites_letter"]);
    expect(checkMcq({ ...mcq, discussion: "The answer I would give is the epidural collection; a choice between the two is easy." })).toEqual([]);
  });
});

describe("DDx semantic checks", () => {
  it("flags duplicate diagnoses", () => {
    expect(checkDdx({ ...ddx, ddx: [...ddx.ddx, "meningioma"] })).toEqual([
      {
        code: "ddx.duplicate_diagnosis",
        path: "ddx[5]",
        message: 'diagnosis 6 ("meningioma") repeats diagnosis 1; remove it or replace it with another diagnosis',
      },
    ]);
  });

  it("flags numbered entries and a one-liner that mentions the caption", () => {
    const problems = checkDdx({ one_liner: "The caption describes a dural mass.", ddx: ddx.ddx.map((d, i) => (i === 0 ? `1. ${d}` : d)) });
    expect(codes(problems)).toEqual(["ddx.mentions_source_text", "ddx.numbered_entries"]);
  });
});
