// Everything a worker or provider adapter needs about a task, in one place.
import type { z } from "zod";
import { checkDdx, checkIft, checkMcq, type TaskProblem } from "./checks";
import { ddxConversation, iftConversation, mcqConversation, type Conversation } from "./conversations";
import type { FewShot } from "./figure-text";
import { ddxFewShots, iftFewShots, mcqFewShots } from "./few-shots";
import { toStrictJsonSchema, type StrictJsonSchema } from "./json-schema";
import { letterMcq } from "./lettering";
import { defaultSystemPrompts } from "./prompts";
import {
  ddxOutputSchema,
  iftOutputSchema,
  mcqOutputSchema,
  mcqStoredSchema,
  type DdxOutput,
  type DdxStored,
  type IftOutput,
  type IftStored,
  type McqOutput,
  type McqStored,
  type TaskKind,
} from "./schemas";

export interface TaskDefinition<Output, Stored> {
  kind: TaskKind;
  /** Name of the forced tool (Anthropic) and of the json_schema (OpenAI). */
  toolName: string;
  /** One sentence for the tool / json_schema description. */
  description: string;
  /** What the model returns; parse with it, then run `check`. */
  outputSchema: z.ZodType<Output>;
  /** What `finalize` produces and the database stores. */
  storedSchema: z.ZodType<Stored>;
  /** The strict JSON Schema of `outputSchema` (a fresh object each call). */
  jsonSchema(): StrictJsonSchema;
  defaultSystemPrompt: string;
  defaultFewShots: readonly FewShot<Output>[];
  /** Schema and semantic problems of a parsed-JSON output; [] when it is clean. */
  check(output: unknown): TaskProblem[];
  /** The stored form of a schema-valid output; deterministic for a sample id. */
  finalize(output: Output, sampleId: string): Stored;
  /** The training conversation; `seed` drives any random wording (DDx). */
  toConversation(structured: Stored, seed: number): Conversation;
}

export const taskKinds: readonly TaskKind[] = ["ift", "mcq", "ddx"];

/** Output and stored types per task. */
export interface TaskTypes {
  ift: { output: IftOutput; stored: IftStored };
  mcq: { output: McqOutput; stored: McqStored };
  ddx: { output: DdxOutput; stored: DdxStored };
}

// A mapped type, so that inside a function generic in K (`<K extends TaskKind>`)
// `tasks[kind].finalize(tasks[kind].outputSchema.parse(raw), id)` type-checks
// without casts; with a plain union of kinds TypeScript cannot correlate them.
export type Tasks = { [K in TaskKind]: TaskDefinition<TaskTypes[K]["output"], TaskTypes[K]["stored"]> };

export const tasks: Tasks = {
  ift: {
    kind: "ift",
    toolName: "record_ift_conversation",
    description: "Record a question-and-answer conversation about the figure's image.",
    outputSchema: iftOutputSchema,
    storedSchema: iftOutputSchema,
    jsonSchema: () => toStrictJsonSchema(iftOutputSchema),
    defaultSystemPrompt: defaultSystemPrompts.ift,
    defaultFewShots: iftFewShots,
    check: checkIft,
    finalize: (output) => output,
    toConversation: (structured) => iftConversation(structured),
  },
  mcq: {
    kind: "mcq",
    toolName: "record_mcq_question",
    description: "Record a board-style multiple-choice question about the figure's image.",
    outputSchema: mcqOutputSchema,
    storedSchema: mcqStoredSchema,
    jsonSchema: () => toStrictJsonSchema(mcqOutputSchema),
    defaultSystemPrompt: defaultSystemPrompts.mcq,
    defaultFewShots: mcqFewShots,
    check: checkMcq,
    finalize: letterMcq,
    toConversation: (structured) => mcqConversation(structured),
  },
  ddx: {
    kind: "ddx",
    toolName: "record_ddx_differential",
    description: "Record a one-line case summary and a ranked differential diagnosis for the figure's image.",
    outputSchema: ddxOutputSchema,
    storedSchema: ddxOutputSchema,
    jsonSchema: () => toStrictJsonSchema(ddxOutputSchema),
    defaultSystemPrompt: defaultSystemPrompts.ddx,
    defaultFewShots: ddxFewShots,
    check: checkDdx,
    finalize: (output) => output,
    toConversation: ddxConversation,
  },
};
