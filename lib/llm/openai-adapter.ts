// OpenAI and OpenAI-compatible servers (vLLM, Ollama, LiteLLM): chat
// completions with a strict json_schema response format.
import OpenAI from "openai";
import { sdkFailure } from "./classify";
import { ProviderFailure, type CallSpec, type NeutralRequest, type Usage } from "./types";

export type OpenAIFlavour = "openai" | "openai_compatible";

function messages(r: NeutralRequest) {
  return [
    { role: "system" as const, content: r.system },
    ...r.messages.map((m) =>
      m.role === "assistant"
        ? { role: "assistant" as const, content: m.content.map((c) => (c.type === "text" ? c.text : "")).join("") }
        : {
            role: "user" as const,
            content: m.content.map((c) =>
              c.type === "text"
                ? { type: "text" as const, text: c.text }
                : { type: "image_url" as const, image_url: { url: `data:${c.mediaType};base64,${c.base64}` } },
            ),
          },
    ),
  ];
}

/** The chat.completions body; also one line of an OpenAI batch file. */
export function openaiBody(spec: CallSpec, model: string, flavour: OpenAIFlavour) {
  return {
    model,
    messages: messages(spec.request),
    response_format: { type: "json_schema" as const, json_schema: { name: spec.output.name, description: spec.output.description, strict: true, schema: spec.output.schema } },
    temperature: spec.temperature,
    // OpenAI replaced max_tokens with max_completion_tokens; compatible servers still read max_tokens.
    ...(flavour === "openai" ? { max_completion_tokens: spec.maxTokens } : { max_tokens: spec.maxTokens }),
  };
}

type ChatBody = {
  choices?: { finish_reason?: string | null; message?: { content?: string | null; refusal?: string | null } }[];
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
};

export function openaiUsage(body: ChatBody): Usage {
  return { inputTokens: body.usage?.prompt_tokens ?? 0, outputTokens: body.usage?.completion_tokens ?? 0 };
}

/** The structured output of a chat completion, or why there is none (billed: usage is kept). */
export function parseOpenAIChat(body: ChatBody): unknown {
  const usage = openaiUsage(body);
  const choice = body.choices?.[0];
  const extra = { usage, raw: body };
  if (!choice?.message) throw new ProviderFailure("fatal", "invalid_output", "The answer had no message.", extra);
  if (choice.message.refusal) throw new ProviderFailure("fatal", "refusal", `The model refused: ${choice.message.refusal}`, extra);
  if (choice.finish_reason === "length") {
    throw new ProviderFailure("fatal", "length", "The answer was cut off at the output token limit; raise the provider's max output tokens.", extra);
  }
  if (choice.finish_reason === "content_filter") throw new ProviderFailure("fatal", "content_filter", "The provider's content filter stopped the answer.", extra);
  try {
    return JSON.parse(choice.message.content ?? "");
  } catch {
    throw new ProviderFailure("fatal", "invalid_output", `The answer is not valid JSON: ${(choice.message.content ?? "").slice(0, 120)}`, extra);
  }
}

export async function callOpenAI(client: OpenAI, spec: CallSpec, model: string, flavour: OpenAIFlavour) {
  try {
    const { data, response } = await client.chat.completions
      .create(openaiBody(spec, model, flavour), { headers: { "x-client-request-id": spec.requestKey }, signal: spec.signal })
      .withResponse();
    return { body: data as ChatBody, headers: response.headers };
  } catch (e) {
    throw sdkFailure(e, OpenAI);
  }
}

export function openaiClient(apiKey: string, baseURL: string | null, timeoutSeconds: number): OpenAI {
  // maxRetries 0: our queues own retries, so an attempt is never spent twice.
  return new OpenAI({ apiKey, baseURL: baseURL ?? undefined, maxRetries: 0, timeout: timeoutSeconds * 1_000 });
}
