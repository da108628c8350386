import "server-only";
// Providers (admin): an endpoint + model with its limits and prices. The API
// key is write-only: the browser sees where it comes from, never its value.
import { z } from "zod";
import { config } from "@/lib/config";
import { db, type Provider } from "@/lib/db/client";
import { HttpError, notFound } from "@/lib/http/problem";
import { decryptSecret, encryptSecret } from "./secrets";

const limit = z.number().int().positive().max(100_000_000);

const fields = {
  name: z.string().trim().min(1).max(80),
  kind: z.enum(["openai", "anthropic", "openai_compatible"]),
  baseUrl: z.string().url("enter the server's base URL, e.g. http://gpu-box:8000/v1").nullable(),
  model: z.string().trim().min(1).max(200),
  apiKeyEnv: z
    .string()
    .regex(/^[A-Z_][A-Z0-9_]*$/, "an env var name such as OPENAI_API_KEY")
    .nullable(),
  /** Write-only; stored encrypted. An empty string removes a stored key. */
  apiKey: z.string().max(1_000).optional(),
  requestsPerMinute: limit,
  tokensPerMinute: limit.nullable(),
  inputTokensPerMinute: limit.nullable(),
  outputTokensPerMinute: limit.nullable(),
  inputPricePerMTok: z.number().min(0).max(10_000),
  outputPricePerMTok: z.number().min(0).max(10_000),
  concurrency: z.number().int().min(1).max(1_000),
  maxOutputTokens: z.number().int().min(16).max(200_000),
  timeoutSeconds: z.number().int().min(5).max(3_600),
  enabled: z.boolean(),
};

export const providerInput = z.object({
  ...fields,
  baseUrl: fields.baseUrl.default(null),
  apiKeyEnv: fields.apiKeyEnv.default(null),
  tokensPerMinute: fields.tokensPerMinute.default(null),
  inputTokensPerMinute: fields.inputTokensPerMinute.default(null),
  outputTokensPerMinute: fields.outputTokensPerMinute.default(null),
  inputPricePerMTok: fields.inputPricePerMTok.default(0),
  outputPricePerMTok: fields.outputPricePerMTok.default(0),
  concurrency: fields.concurrency.default(32),
  maxOutputTokens: fields.maxOutputTokens.default(2048),
  timeoutSeconds: fields.timeoutSeconds.default(120),
  enabled: fields.enabled.default(true),
});
export type ProviderInput = z.infer<typeof providerInput>;
// Patches carry no defaults: a field left out stays as it is.
export const providerPatch = z.object(fields).partial();

export type PublicProvider = Omit<Provider, "apiKeyEncrypted"> & {
  apiKey: { source: "env" | "stored" | "none"; present: boolean };
  queue: string;
};

/** What the browser may see: never the key or its ciphertext. */
export function publicProvider(p: Provider): PublicProvider {
  const { apiKeyEncrypted, ...rest } = p;
  const source = apiKeyEncrypted ? "stored" : p.apiKeyEnv ? "env" : "none";
  const present = source === "stored" || (source === "env" && Boolean(config().envSecret(p.apiKeyEnv!)));
  return { ...rest, apiKey: { source, present }, queue: generationQueueName(p) };
}

/** One BullMQ queue per provider + model. */
export function generationQueueName(p: Pick<Provider, "id" | "model">): string {
  return `generate-${p.id}-${p.model.toLowerCase().replace(/[^a-z0-9]+/g, "-").slice(0, 40)}`;
}

function checkShape(p: { kind: string; baseUrl: string | null; apiKeyEnv: string | null; hasStoredKey: boolean }) {
  if (p.kind === "openai_compatible" && !p.baseUrl) {
    throw new HttpError(400, "Base URL needed", "An OpenAI-compatible server (vLLM, Ollama, LiteLLM) needs its base URL, e.g. http://gpu-box:8000/v1.");
  }
  if (p.kind !== "openai_compatible" && !p.apiKeyEnv && !p.hasStoredKey) {
    throw new HttpError(400, "API key needed", "Name the env var that holds the API key on the workers, or enter the key to store it encrypted.");
  }
}

export async function listProviders(): Promise<PublicProvider[]> {
  const rows = await db().provider.findMany({ orderBy: { id: "asc" } });
  return rows.map(publicProvider);
}

export async function createProvider(input: ProviderInput): Promise<PublicProvider> {
  const { apiKey, ...data } = input;
  checkShape({ ...data, hasStoredKey: Boolean(apiKey) });
  const row = await db().provider.create({ data: { ...data, apiKeyEncrypted: apiKey ? encryptSecret(apiKey) : null } });
  return publicProvider(row);
}

export async function updateProvider(id: number, patch: z.infer<typeof providerPatch>): Promise<{ before: PublicProvider; after: PublicProvider }> {
  const current = await db().provider.findUnique({ where: { id } });
  if (!current) throw notFound(`Provider ${id}`);
  const { apiKey, ...data } = patch;
  const apiKeyEncrypted = apiKey === undefined ? current.apiKeyEncrypted : apiKey === "" ? null : encryptSecret(apiKey);
  const next = { ...current, ...data, apiKeyEncrypted };
  checkShape({ ...next, hasStoredKey: Boolean(apiKeyEncrypted) });
  const row = await db().provider.update({ where: { id }, data: { ...data, apiKeyEncrypted } });
  return { before: publicProvider(current), after: publicProvider(row) };
}

/** The key for a call, read in the worker at send time. */
export function providerApiKey(p: Provider): string {
  if (p.apiKeyEncrypted) return decryptSecret(p.apiKeyEncrypted);
  if (p.apiKeyEnv) {
    const v = config().envSecret(p.apiKeyEnv);
    if (!v) throw new Error(`${p.apiKeyEnv} is not set in the workers' environment; set it there or store the key in the provider's settings.`);
    return v;
  }
  // OpenAI-compatible servers such as vLLM or Ollama often need no key; the SDKs want a string.
  return "none";
}
