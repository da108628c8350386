// POST /v1/messages, as Anthropic answers it. Structured output comes two
// ways: a forced tool (tool_choice {type: "tool", name} or "any") answered
// with a tool_use block whose input fits the tool's input_schema, or
// output_config.format (output_format in the beta) answered with a text
// block holding the JSON. Otherwise the answer is plain text.
import { z } from "zod";
import { answer, type Answer } from "./completion";
import type { Route, ServerContext } from "./context";
import { anthropicDialect } from "./anthropic-wire";
import { invalid } from "./exchange";
import type { ContentFault } from "./faults";
import { modelCallRoute, type Prepared } from "./model-call";
import { newId, seedFrom } from "./random";
import type { JsonSchema } from "./schema-instance";
import { inputTokens } from "./tokens";

const textBlock = z.looseObject({ type: z.literal("text"), text: z.string() });
const imageBlock = z.looseObject({
  type: z.literal("image"),
  source: z.discriminatedUnion("type", [
    z.object({ type: z.literal("base64"), media_type: z.enum(["image/jpeg", "image/png", "image/gif", "image/webp"]), data: z.string().min(1) }),
    z.object({ type: z.literal("url"), url: z.string().min(1) }),
    z.object({ type: z.literal("file"), file_id: z.string().min(1) }),
  ]),
});
/** tool_use, tool_result, document…: accepted and counted as their JSON. */
const otherBlock = z.looseObject({ type: z.string() }).refine((b) => b.type !== "text" && b.type !== "image", "invalid content block");

const jsonFormat = z.object({ type: z.literal("json_schema"), schema: z.record(z.string(), z.unknown()) });

const messageRequestSchema = z.looseObject({
  model: z.string().min(1),
  max_tokens: z.number().int().nonnegative(),
  messages: z
    .array(z.looseObject({ role: z.enum(["user", "assistant"]), content: z.union([z.string(), z.array(z.union([textBlock, imageBlock, otherBlock]))]) }))
    .min(1),
  system: z.union([z.string(), z.array(textBlock)]).optional(),
  tools: z.array(z.looseObject({ name: z.string().min(1), input_schema: z.record(z.string(), z.unknown()).optional() })).optional(),
  tool_choice: z
    .discriminatedUnion("type", [
      z.looseObject({ type: z.literal("auto") }),
      z.looseObject({ type: z.literal("any") }),
      z.looseObject({ type: z.literal("none") }),
      z.looseObject({ type: z.literal("tool"), name: z.string().min(1) }),
    ])
    .optional(),
  output_config: z.looseObject({ format: jsonFormat.nullable().optional() }).optional(),
  output_format: jsonFormat.nullable().optional(),
  // The fake answers whole responses only.
  stream: z.literal(false, "streaming is not supported by the fake provider").optional(),
});
type MessageRequest = z.infer<typeof messageRequestSchema>;

type Mode = { kind: "text" } | { kind: "json"; schema: JsonSchema } | { kind: "tool"; name: string; schema: JsonSchema };

/** What the request asks the model to produce; a string is the 400 message for an impossible ask. */
function modeOf(request: MessageRequest): Mode | string {
  const choice = request.tool_choice;
  const tools = request.tools ?? [];
  if (choice?.type === "tool" || choice?.type === "any") {
    const tool = choice.type === "tool" ? tools.find((t) => t.name === choice.name) : tools.find((t) => t.input_schema);
    if (!tool) return choice.type === "tool" ? `tool_choice: tool '${choice.name}' was not found in tools` : "tool_choice: 'any' requires tools";
    return { kind: "tool", name: tool.name, schema: tool.input_schema ?? { type: "object" } };
  }
  const format = request.output_config?.format ?? request.output_format;
  return format ? { kind: "json", schema: format.schema } : { kind: "text" };
}

function countInput(ctx: ServerContext, request: MessageRequest): number {
  const texts: string[] = [];
  let images = 0;
  if (typeof request.system === "string") texts.push(request.system);
  else request.system?.forEach((b) => texts.push(b.text));
  for (const m of request.messages) {
    if (typeof m.content === "string") texts.push(m.content);
    else
      for (const block of m.content) {
        if (block.type === "image") images += 1;
        else texts.push(block.type === "text" && typeof block.text === "string" ? block.text : JSON.stringify(block));
      }
  }
  if (request.tools) texts.push(JSON.stringify(request.tools));
  const format = request.output_config?.format ?? request.output_format;
  if (format) texts.push(JSON.stringify(format));
  return inputTokens(texts, images, ctx.options.tokensPerImage);
}

const stopReason: Record<Answer["finish"], string> = { stop: "end_turn", length: "max_tokens", refusal: "refusal", content_filter: "refusal" };

function content(mode: Mode, a: Answer): unknown[] {
  if (a.finish === "refusal" || a.finish === "content_filter") return [];
  if (mode.kind === "tool") return [{ type: "tool_use", id: newId("toolu_"), name: mode.name, input: a.object ?? {}, caller: { type: "direct" } }];
  return a.text === "" ? [] : [{ type: "text", text: a.text, citations: null }];
}

/** A messages request as a model call, or the 400 it deserves; used by the route and by batch lines. */
export function prepareMessage(ctx: ServerContext, value: unknown, bodyText: string, requestId: string): Prepared {
  const parsed = messageRequestSchema.safeParse(value);
  if (!parsed.success) return { ok: false, wire: invalid(anthropicDialect, parsed.error, requestId) };
  const request = parsed.data;
  const mode = modeOf(request);
  if (typeof mode === "string") return { ok: false, wire: anthropicDialect.error("bad_request", { message: mode, requestId }) };
  const prompt = countInput(ctx, request);
  const ask = { schema: mode.kind === "text" ? null : mode.schema, maxTokens: request.max_tokens, seed: seedFrom(bodyText) };
  return {
    ok: true,
    call: {
      model: request.model,
      inputTokens: prompt,
      maxTokens: request.max_tokens,
      bodyText,
      respond(fault: ContentFault | null, batch: boolean) {
        const a = answer(ask, fault);
        const refused = a.finish === "refusal" || a.finish === "content_filter";
        return {
          outputTokens: a.outputTokens,
          body: {
            id: newId("msg_"),
            type: "message",
            role: "assistant",
            model: request.model,
            content: content(mode, a),
            stop_reason: mode.kind === "tool" && a.finish === "stop" ? "tool_use" : stopReason[a.finish],
            stop_sequence: null,
            stop_details: refused ? { type: "refusal", category: null, explanation: "Synthetic refusal injected by the fake provider." } : null,
            container: null,
            usage: {
              input_tokens: prompt,
              output_tokens: a.outputTokens,
              cache_creation_input_tokens: 0,
              cache_read_input_tokens: 0,
              cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
              server_tool_use: null,
              service_tier: batch ? "batch" : "standard",
            },
          },
        };
      },
    },
  };
}

export const anthropicMessageRoutes: Route[] = [modelCallRoute(/^\/v1\/messages$/, anthropicDialect, prepareMessage)];
