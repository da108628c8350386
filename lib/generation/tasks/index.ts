// The generation tasks IFT, MCQ and DDx: pure and provider-neutral (no
// database, no HTTP, no files). Generation workers and provider adapters
// (OpenAI, Anthropic, OpenAI-compatible servers) build on this.
//
// One sample, end to end:
//
//   const task = tasks[kind];                               // "ift" | "mcq" | "ddx"
//   const request = buildRequest({ task: kind, k: 4, seed: seedFrom(requestKey), figure, image });
//   // → { system, messages, fewShotIds }: k text-only few-shot pairs, then a
//   //   user turn with the image first and the figure text ("Figure Caption:",
//   //   "Figure Context:" bullets when mentions exist). Record seed + fewShotIds.
//
//   // Adapter: send with the task's JSON Schema, the same object for both providers:
//   //   OpenAI:    response_format: { type: "json_schema", json_schema: { name: task.toolName, strict: true, schema: task.jsonSchema() } }
//   //   Anthropic: tools: [{ name: task.toolName, description: task.description, input_schema: task.jsonSchema() }],
//   //              tool_choice: { type: "tool", name: task.toolName }
//
//   const raw: unknown = JSON.parse(reply);                 // or the tool call's input
//   const problems = task.check(raw);                       // TaskProblem[]: { code, path, message }
//   // code "schema": unusable, do not finalize. Other codes: keep, but flag for a curator.
//   const stored = task.finalize(task.outputSchema.parse(raw), sampleId);
//   // (In a function generic in the kind, `<K extends TaskKind>(kind: K)`,
//   //  this type-checks without casts; see `Tasks`.)
//   // MCQ: options shuffled with a seed from sampleId and lettered "A. …";
//   // stored = { question_stem, answer_choices, correct_answer, correct_letter, discussion }.
//
//   const conversation = task.toConversation(stored, seedFrom(sampleId));
//   // → { turns: [{ role, text }], imageOnFirstUserTurn: true }
//   // One figure's DDx and IFT go into one conversation: mergeConversations(ddx, ift).
//   toLlava(conversation, { id, image });                   // { id, image, conversations: [{ from, value }] }, "<image>\n" first
//   toHfChat(conversation, imagePath);                      // { messages: [{ role, content }], images: [imagePath] }
//
//   letterDistribution(storedMcqs);                         // counts per letter + χ² test of balance
//
// Where things live: schemas.ts (zod output and stored shapes), json-schema.ts
// (strict JSON Schema), checks.ts (semantic checks), prompts.ts (default
// system prompts), few-shots/ (default examples, synthetic), request.ts
// (message builder), lettering.ts + letter-balance.ts + chi-square.ts (MCQ
// letters and their balance), conversations.ts + ddx-phrasings.ts (training
// conversations), export-formats.ts (LLaVA, Hugging Face chat), registry.ts
// (the `tasks` registry).
export { tasks, taskKinds, type TaskDefinition, type Tasks, type TaskTypes } from "./registry";
export * from "./schemas";
export type { StrictJsonSchema } from "./json-schema";
export type { ProblemCode, TaskProblem } from "./checks";
export { formatFigureText, type FewShot, type FigureText } from "./figure-text";
export {
  buildRequest,
  type BuildRequestInput,
  type ContentPart,
  type ImageMediaType,
  type RequestMessage,
  type TaskRequest,
} from "./request";
export { seedFrom } from "./seed";
export { letterMcq, OPTION_LETTERS } from "./lettering";
export { letterDistribution, type LetterCount, type LetterDistribution } from "./letter-balance";
export { chiSquareSurvival } from "./chi-square";
export { mergeConversations, type Conversation, type Turn } from "./conversations";
export { DDX_PHRASINGS } from "./ddx-phrasings";
export {
  hfChatItemSchema,
  llavaItemSchema,
  toHfChat,
  toLlava,
  type HfChatItem,
  type LlavaItem,
} from "./export-formats";
