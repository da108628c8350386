// POST /v1/chat/completions, as OpenAI answers it: a chat.completion with
// usage, finish_reason and message.refusal. Structured output follows
// response_format json_schema (or json_object); otherwise plain text.
import { z } from "zod";
import { answer, type Answer } from "./completion";
import type { ServerContext, Route } from "./context";
import { invalid } from "./exchange";
import type { ContentFault } from "./faults";
import { modelCallRoute, type Prepared } from "./model-call";
import { openaiDialect } from "./openai-wire";
import { newId, seedFrom } from "./random";
import type { JsonSchema } from "./schema-instance";
import { inputTokens } from "./tokens";

const contentPart = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text"), text: z.string() }),
  z.object({
    type: z.literal("image_url"),
    image_url: z.object({ url: z.string().min(1), detail: z.enum(["auto", "low", "high"]).optional() }),
  }),
]);

const message = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: z.union([z.string(), z.array(contentPart), z.null()]).optional(),
});

const responseFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({
    type: z.literal("json_schema"),
    json_schema: z.object({
      name: z.string().regex(/^[\w-]{1,64}$/, "must be a-z, A-Z, 0-9, underscores and dashes, at most 64 characters"),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullable().optional(),
    }),
  }),
]);

const maxTokens = z.number().int().positive().nullable().optional();

const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  response_format: responseFormat.optional(),
  max_tokens: maxTokens,
  max_completion_tokens: maxTokens,
  // The fake answers whole responses only.
  stream: z.literal(false, "streaming is not supported by the fake provider").nullable().optional(),
  n: z.literal(1, "the fake provider returns one choice").nullable().optional(),
});
type ChatRequest = z.infer<typeof chatRequestSchema>;

/** json_object asks for some JSON object; this is the one the fake gives. */
const JSON_OBJECT_SCHEMA: JsonSchema = { type: "object", properties: { answer: { type: "string" } }, required: ["answer"] };

function schemaOf(request: ChatRequest): JsonSchema | null {
  const format = request.response_format;
  if (format?.type === "json_schema") return format.json_schema.schema ?? { type: "object" };
  if (format?.type === "json_object") return JSON_OBJECT_SCHEMA;
  return null;
}

function countInput(ctx: ServerContext, request: ChatRequest): number {
  const texts: string[] = [];
  let images = 0;
  for (const m of request.messages) {
    if (typeof m.content === "string") texts.push(m.content);
    for (const part of Array.isArray(m.content) ? m.content : []) {
      if (part.type === "text") texts.push(part.text);
      else images += 1;
    }
  }
  if (request.response_format) texts.push(JSON.stringify(request.response_format));
  return inputTokens(texts, images, ctx.options.tokensPerImage);
}

const finishReason: Record<Answer["finish"], string> = { stop: "stop", length: "length", refusal: "stop", content_filter: "content_filter" };

/** A chat request as a model call, or the 400 it deserves; used by the route and by batch lines. */
export function prepareChat(ctx: ServerContext, value: unknown, bodyText: string, requestId: string): Prepared {
  const parsed = chatRequestSchema.safeParse(value);
  if (!parsed.success) return { ok: false, wire: invalid(openaiDialect, parsed.error, requestId) };
  const request = parsed.data;
  const prompt = countInput(ctx, request);
  const ask = { schema: schemaOf(request), maxTokens: request.max_completion_tokens ?? request.max_tokens ?? undefined, seed: seedFrom(bodyText) };
  return {
    ok: true,
    call: {
      model: request.model,
      inputTokens: prompt,
      maxTokens: ask.maxTokens,
      bodyText,
      respond(fault: ContentFault | null) {
        const a = answer(ask, fault);
        const withheld = a.finish === "refusal" || a.finish === "content_filter";
        return {
          outputTokens: a.outputTokens,
          body: {
            id: newId("chatcmpl-"),
            object: "chat.completion",
            created: Math.floor(Date.now() / 1000),
            model: request.model,
            choices: [
              {
                index: 0,
                message: {
                  role: "assistant",
                  content: withheld ? null : a.text,
                  refusal: a.finish === "refusal" ? a.text : null,
                  annotations: [],
                },
                logprobs: null,
                finish_reason: finishReason[a.finish],
              },
            ],
            usage: {
              prompt_tokens: prompt,
              completion_tokens: a.outputTokens,
              total_tokens: prompt + a.outputTokens,
              prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
              completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
            },
            service_tier: "default",
            system_fingerprint: "fp_fake_provider",
          },
        };
      },
    },
  };
}

export const openaiChatRoutes: Route[] = [modelCallRoute(/^\/v1\/chat\/completions$/, openaiDialect, prepareChat)];
