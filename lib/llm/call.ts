import "server-only";
// One structured-output call to a provider, whatever its kind. Clients are
// cached per provider row version, so a changed key or URL takes effect.
import type Anthropic from "@anthropic-ai/sdk";
import type OpenAI from "openai";
import type { Provider } from "@/lib/db/client";
import { anthropicClient, callAnthropic, parseAnthropicMessage, anthropicUsage } from "./anthropic-adapter";
import { callOpenAI, openaiClient, openaiUsage, parseOpenAIChat } from "./openai-adapter";
import { providerApiKey } from "./providers";
import { ProviderFailure, type CallResult, type CallSpec } from "./types";

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

export async function callProvider(p: Provider, spec: CallSpec): Promise<CallResult> {
  const t0 = performance.now();
  let c: OpenAI | Anthropic;
  try {
    c = providerClient(p);
  } catch (e) {
    throw new ProviderFailure("fatal", "no_api_key", (e as Error).message);
  }
  if (p.kind === "anthropic") {
    const { body, headers } = await callAnthropic(c as Anthropic, spec, p.model);
    const output = withHeaders(() => parseAnthropicMessage(body, spec.output.name), headers);
    return { output, usage: anthropicUsage(body), raw: body, headers, latencyMs: Math.round(performance.now() - t0) };
  }
  const { body, headers } = await callOpenAI(c as OpenAI, spec, p.model, p.kind);
  const output = withHeaders(() => parseOpenAIChat(body), headers);
  return { output, usage: openaiUsage(body), raw: body, headers, latencyMs: Math.round(performance.now() - t0) };
}

function withHeaders<T>(parse: () => T, headers: Headers): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof ProviderFailure) throw new ProviderFailure(e.kind, e.code, e.message, { ...e.extra, headers });
    throw e;
  }
}
