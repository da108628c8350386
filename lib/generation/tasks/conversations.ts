// Stored samples → training conversations, as the reference built them:
//   IFT: each {question, answer} becomes a user turn and an assistant turn.
//   MCQ: user = stem, blank line, one lettered option per line;
//        assistant = discussion, newline, "Answer: " + the correct option.
//   DDx: user = a seeded request for a differential and the one-liner, in
//        seeded order, separated by one or two line breaks (seeded);
//        assistant = the diagnoses as a numbered list "1. …".
// The figure's image always belongs to the first user turn; the export
// formats (export-formats.ts) place it there.
import { createRng } from "@/lib/labels/math/random";
import { DDX_PHRASINGS } from "./ddx-phrasings";
import type { DdxStored, IftStored, McqStored } from "./schemas";

export interface Turn {
  role: "user" | "assistant";
  text: string;
}

/** Alternating turns starting with the user; the image goes with the first user turn. */
export interface Conversation {
  turns: Turn[];
  imageOnFirstUserTurn: true;
}

const conversation = (turns: Turn[]): Conversation => ({ turns, imageOnFirstUserTurn: true });

export function iftConversation(ift: IftStored): Conversation {
  return conversation(
    ift.qa_pairs.flatMap(({ question, answer }): Turn[] => [
      { role: "user", text: question },
      { role: "assistant", text: answer },
    ]),
  );
}

export function mcqConversation(mcq: McqStored): Conversation {
  return conversation([
    { role: "user", text: `${mcq.question_stem}\n\n${mcq.answer_choices.join("\n")}` },
    { role: "assistant", text: `${mcq.discussion}\nAnswer: ${mcq.correct_answer}` },
  ]);
}

export function ddxConversation(ddx: DdxStored, seed: number): Conversation {
  const rng = createRng(seed);
  const request = DDX_PHRASINGS[Math.floor(rng.next() * DDX_PHRASINGS.length)]!;
  const requestFirst = rng.next() < 0.5;
  const separator = rng.next() < 0.5 ? "\n" : "\n\n";
  const [first, second] = requestFirst ? [request, ddx.one_liner] : [ddx.one_liner, request];
  return conversation([
    { role: "user", text: `${first}${separator}${second}` },
    { role: "assistant", text: ddx.ddx.map((d, i) => `${i + 1}. ${d}`).join("\n") },
  ]);
}

/**
 * One conversation per figure for the training file, as the reference did:
 * the DDx exchange first (it presents the case with the image), then the IFT
 * questions as follow-ups about the same image.
 */
export function mergeConversations(ddx: Conversation, ift: Conversation): Conversation {
  return conversation([...ddx.turns, ...ift.turns]);
}
