// Anthropic Messages: the structured output is forced through a single tool
// whose input_schema is the task's JSON schema.
import Anthropic from "@anthropic-ai/sdk";
import { sdkFailure } from "./classify";
import { ProviderFailure, type CallSpec, type Usage } from "./types";

/** The messages.create params; also the `params` of a message-batch request. */
export function anthropicBody(spec: CallSpec, model: string) {
  return {
    model,
    system: spec.request.system,
    max_tokens: spec.maxTokens,
    temperature: spec.temperature,
    messages: spec.request.messages.map((m) => ({
      role: m.role,
      content: m.content.map((c) =>
        c.type === "text"
          ? { type: "text" as const, text: c.text }
          : { type: "image" as const, source: { type: "base64" as const, media_type: c.mediaType as "image/png", data: c.base64 } },
      ),
    })),
    tools: [{ name: spec.output.name, description: spec.output.description, input_schema: spec.output.schema as Anthropic.Tool.InputSchema }],
    tool_choice: { type: "tool" as const, name: spec.output.name },
  };
}

type MessageBody = {
  stop_reason?: string | null;
  content?: { type: string; name?: string; input?: unknown; text?: string }[];
  usage?: { input_tokens?: number; output_tokens?: number };
};

export function anthropicUsage(body: MessageBody): Usage {
  return { inputTokens: body.usage?.input_tokens ?? 0, outputTokens: body.usage?.output_tokens ?? 0 };
}

export function parseAnthropicMessage(body: MessageBody, toolName: string): unknown {
  const extra = { usage: anthropicUsage(body), raw: body };
  if (body.stop_reason === "max_tokens") {
    throw new ProviderFailure("fatal", "length", "The answer was cut off at the output token limit; raise the provider's max output tokens.", extra);
  }
  if (body.stop_reason === "refusal") throw new ProviderFailure("fatal", "refusal", "The model refused to answer.", extra);
  const tool = body.content?.find((c) => c.type === "tool_use" && c.name === toolName);
  if (!tool || typeof tool.input !== "object" || tool.input === null) {
    throw new ProviderFailure("fatal", "invalid_output", `The answer did not use the ${toolName} tool.`, extra);
  }
  return tool.input;
}

export async function callAnthropic(client: Anthropic, spec: CallSpec, model: string) {
  try {
    const { data, response } = await client.messages
      .create(anthropicBody(spec, model), { headers: { "x-client-request-id": spec.requestKey }, signal: spec.signal })
      .withResponse();
    return { body: data as MessageBody, headers: response.headers };
  } catch (e) {
    throw sdkFailure(e, Anthropic);
  }
}

export function anthropicClient(apiKey: string, baseURL: string | null, timeoutSeconds: number): Anthropic {
  return new Anthropic({ apiKey, baseURL: baseURL ?? undefined, maxRetries: 0, timeout: timeoutSeconds * 1_000 });
}
