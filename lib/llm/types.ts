// The provider-neutral shape of one generation call and its outcome. The
// adapters (openai-adapter.ts, anthropic-adapter.ts) translate it to each
// wire format; the batch code reuses the same bodies and parsers.

export type NeutralContent = { type: "text"; text: string } | { type: "image"; mediaType: string; base64: string };
export type NeutralMessage = { role: "user" | "assistant"; content: NeutralContent[] };
export type NeutralRequest = { system: string; messages: NeutralMessage[] };

export type CallSpec = {
  request: NeutralRequest;
  /** The structured output asked for: OpenAI json_schema (strict) or an Anthropic forced tool. */
  output: { name: string; description: string; schema: Record<string, unknown> };
  maxTokens: number;
  temperature: number;
  /** Our request key, sent as x-client-request-id so a provider's logs can be matched to ours. */
  requestKey: string;
  /** Aborted when a worker's shutdown deadline passes. */
  signal?: AbortSignal;
};

export type Usage = { inputTokens: number; outputTokens: number };

/** A parsed answer: the structured output, what it was billed, and the provider's body as received. */
export type CallResult = { output: unknown; usage: Usage; raw: unknown };

/**
 * How a failed call is handled:
 * - rate_limit: the queue pauses for retryAfterMs; no attempt is spent.
 * - retryable: exponential backoff with jitter (5xx, 529, timeouts, connection errors).
 * - fatal: never retried; the request is marked failed with the reason
 *   (400/401/403/404/413, insufficient quota, spend limits, content filter,
 *   length stops, refusals, unparseable output).
 */
export type FailureKind = "rate_limit" | "retryable" | "fatal";

export class ProviderFailure extends Error {
  constructor(
    readonly kind: FailureKind,
    /** A short machine-readable reason: http_500, insufficient_quota, length, refusal, invalid_output… */
    readonly code: string,
    message: string,
    readonly extra: { retryAfterMs?: number; usage?: Usage; raw?: unknown; status?: number; headers?: Headers } = {},
  ) {
    super(message);
  }
}
