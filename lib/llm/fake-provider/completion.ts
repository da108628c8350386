// The fake "model": given what a request asks for (plain text or a JSON
// Schema), a seed and perhaps a content fault, produce the answer. Shared by
// both providers and by batch lines; the routes only wrap it in their
// wire format.
import type { ContentFault } from "./faults";
import { seededRng } from "./random";
import { instanceFor, type JsonSchema } from "./schema-instance";
import { REFUSAL_TEXT, syntheticParagraph } from "./synthetic-text";
import { charsFor, outputTokens } from "./tokens";

export interface Ask {
  /** null: plain text; otherwise the schema the answer must satisfy. */
  schema: JsonSchema | null;
  /** The request's output cap; undefined = none given. */
  maxTokens: number | undefined;
  seed: number;
}

export type Finish = "stop" | "length" | "refusal" | "content_filter";

export interface Answer {
  finish: Finish;
  /** The answer as text: prose, or the JSON text of a structured answer ("" when withheld). */
  text: string;
  /**
   * Structured requests only: the answer as an object, for Anthropic's
   * tool_use `input` (partial when cut by max_tokens, off-schema when malformed).
   */
  object: Record<string, unknown> | null;
  outputTokens: number;
}

export function answer(ask: Ask, fault: ContentFault | null): Answer {
  if (fault === "refusal" || fault === "content_filter") {
    return { finish: fault, text: fault === "refusal" ? REFUSAL_TEXT : "", object: null, outputTokens: outputTokens(REFUSAL_TEXT) };
  }
  const value = ask.schema === null ? null : instanceFor(ask.schema, ask.seed);
  let object = isRecord(value) ? value : null;
  let text = ask.schema === null ? syntheticParagraph(seededRng(ask.seed)) : JSON.stringify(value);

  if (fault === "malformed_json" && ask.schema !== null) {
    // Cut before the closing bracket and leave a dangling comma: not JSON, yet finish_reason says all is well.
    text = `${text.slice(0, -1)},`;
    object = object && offSchema(object);
  }
  const budget = ask.maxTokens === undefined ? Infinity : charsFor(ask.maxTokens);
  const cut = fault === "length" ? Math.min(budget, Math.floor(text.length / 2)) : budget;
  if (text.length > cut) {
    return { finish: "length", text: text.slice(0, cut), object: object && partial(object, cut), outputTokens: outputTokens(text.slice(0, cut)) };
  }
  return { finish: "stop", text, object, outputTokens: outputTokens(text) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The leading properties whose JSON fits in `chars`: what a tool call cut short carries. */
function partial(object: Record<string, unknown>, chars: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(object)) {
    out[k] = v;
    if (JSON.stringify(out).length > chars) {
      delete out[k];
      break;
    }
  }
  return out;
}

/** A tool input that breaks its schema: the first property dropped, the rest turned into numbers. */
function offSchema(object: Record<string, unknown>): Record<string, unknown> {
  const [, ...rest] = Object.keys(object);
  return Object.fromEntries(rest.map((k, i) => [k, i]));
}
