// The provider-neutral request for one figure and task. Provider adapters map
// it onto OpenAI or Anthropic message formats; nothing here knows either.
//
// Layout: the system prompt; k worked examples drawn with a seeded PRNG, each
// a text-only user turn (the example figure's text) and an assistant turn (its
// JSON); then the real figure: the image first, then its text.
import { createRng, shuffle } from "@/lib/labels/math/random";
import { formatFigureText, type FewShot, type FigureText } from "./figure-text";
import { tasks } from "./registry";
import type { TaskKind } from "./schemas";

/** The image types both OpenAI and Anthropic accept. */
export type ImageMediaType = "image/jpeg" | "image/png" | "image/gif" | "image/webp";

export type ContentPart = { type: "text"; text: string } | { type: "image"; mediaType: ImageMediaType; base64: string };

export interface RequestMessage {
  role: "user" | "assistant";
  content: ContentPart[];
}

export interface TaskRequest {
  system: string;
  messages: RequestMessage[];
  /** Which examples were drawn, in prompt order: record them with the request. */
  fewShotIds: string[];
}

export interface BuildRequestInput {
  task: TaskKind;
  /** Defaults to the task's built-in prompt. */
  systemPrompt?: string;
  /** Defaults to the task's built-in library. */
  fewShots?: readonly FewShot[];
  /** How many examples to include; more than the library holds means all of them. */
  k: number;
  /** Drives the draw; the caller records it (e.g. `seedFrom(requestKey)`). */
  seed: number;
  figure: FigureText;
  image: { mediaType: ImageMediaType; base64: string };
}

export function buildRequest(input: BuildRequestInput): TaskRequest {
  const { task, k, seed, figure, image } = input;
  if (!Number.isInteger(k) || k < 0) throw new RangeError(`k must be a whole number ≥ 0, got ${k}`);
  const library = input.fewShots ?? tasks[task].defaultFewShots;
  const drawn = shuffle([...library], createRng(seed)).slice(0, k);
  const messages: RequestMessage[] = drawn.flatMap((example): RequestMessage[] => [
    { role: "user", content: [{ type: "text", text: formatFigureText(example.figure) }] },
    { role: "assistant", content: [{ type: "text", text: JSON.stringify(example.output) }] },
  ]);
  messages.push({
    role: "user",
    content: [
      { type: "image", mediaType: image.mediaType, base64: image.base64 },
      { type: "text", text: formatFigureText(figure) },
    ],
  });
  return { system: input.systemPrompt ?? tasks[task].defaultSystemPrompt, messages, fewShotIds: drawn.map((e) => e.id) };
}
