import "server-only";
// One structured-output call to a provider, whatever its kind. Clients are
// cached per provider row version, so a changed key or URL takes effect.
import type Anthropic from "@anthropic-ai/sdk";
import type OpenAI from "openai";
import type { Provider } from "@/lib/db/client";
import { anthropicClient, callAnthropic, parseAnthropicMessage, anthropicUsage } from "./anthropic-adapter";
import { callOpenAI, openaiClient, openaiUsage, parseOpenAIChat } from "./openai-adapter";
import { providerApiKey } from "./providers";
import { ProviderFailure, type CallResult, type CallSpec, type Usage } from "./types";

const clients = new Map<string, OpenAI | Anthropic>();

/** The SDK client for a provider (batch-api.ts uses it too). */
export function providerClient(p: Provider): OpenAI | Anthropic {
  const id = `${p.id}:${p.updatedAt.getTime()}`;
  let c = clients.get(id);
  if (!c) {
    const key = providerApiKey(p);
    c = p.kind === "anthropic" ? anthropicClient(key, p.baseUrl, p.timeoutSeconds) : openaiClient(key, p.baseUrl, p.timeoutSeconds);
    for (const k of clients.keys()) if (k.startsWith(`${p.id}:`)) clients.delete(k);
    clients.set(id, c);
  }
  return c;
}

/** Sends one request. Answers (HTTP 200) come back raw, to be kept before they are parsed; errors throw ProviderFailure. */
export async function callProvider(p: Provider, spec: CallSpec): Promise<{ raw: unknown; headers: Headers; latencyMs: number }> {
  const t0 = performance.now();
  let c: OpenAI | Anthropic;
  try {
    c = providerClient(p);
  } catch (e) {
    throw new ProviderFailure("fatal", "no_api_key", (e as Error).message);
  }
  const { body, headers } = p.kind === "anthropic" ? await callAnthropic(c as Anthropic, spec, p.model) : await callOpenAI(c as OpenAI, spec, p.model, p.kind);
  return { raw: body, headers, latencyMs: Math.round(performance.now() - t0) };
}

/** The structured output and usage of an answer, or why it has none (length, refusal, filter, not JSON); usage is kept either way. */
export function parseAnswer(kind: Provider["kind"], raw: unknown, toolName: string): Omit<CallResult, "raw"> {
  if (kind === "anthropic") {
    const body = raw as Parameters<typeof parseAnthropicMessage>[0];
    return { output: parseAnthropicMessage(body, toolName), usage: anthropicUsage(body) };
  }
  const body = raw as Parameters<typeof parseOpenAIChat>[0];
  return { output: parseOpenAIChat(body), usage: openaiUsage(body) };
}

/** What an answer was billed, usable or not (no parsing of its content). */
export function answerUsage(kind: Provider["kind"], raw: unknown): Usage {
  return kind === "anthropic"
    ? anthropicUsage(raw as Parameters<typeof anthropicUsage>[0])
    : openaiUsage(raw as Parameters<typeof openaiUsage>[0]);
}
