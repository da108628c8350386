// Maps an HTTP failure from either provider to what our queue does with it.
import { retryAfterMs } from "./rate-limit-headers";
import { ProviderFailure } from "./types";

type ErrorBody = { error?: { type?: string; code?: string | null; message?: string } | string; type?: string; message?: string } | undefined;

function details(body: unknown): { type: string; code: string; message: string } {
  const b = body as ErrorBody;
  // OpenAI: {error: {type, code, message}} (the SDK may hand us the inner object);
  // Anthropic: {type: "error", error: {type, message}}.
  const inner = b && typeof b.error === "object" ? b.error : (b as { type?: string; code?: string; message?: string } | undefined);
  return { type: inner?.type ?? "", code: inner?.code ?? "", message: inner?.message ?? "" };
}

export function classifyHttpError(status: number | undefined, body: unknown, headers: Headers, fallbackMessage: string): ProviderFailure {
  const d = details(body);
  const message = d.message || fallbackMessage;
  const quota = d.code === "insufficient_quota" || d.type === "insufficient_quota" || /credit balance|spend limit|billing|quota/i.test(message);
  if (quota) return new ProviderFailure("fatal", "insufficient_quota", `Out of quota or over a spend limit: ${message}. Add credit or raise the limit, then re-run the failed requests.`, { status, headers });
  if (status === 429) {
    return new ProviderFailure("rate_limit", "rate_limited", `Rate limited: ${message}`, { status, headers, retryAfterMs: retryAfterMs(headers) ?? 1_000 });
  }
  if (status === undefined || status === 408 || status === 409 || status >= 500) {
    return new ProviderFailure("retryable", status ? `http_${status}` : "connection", status ? `Provider error ${status}: ${message}` : message, { status, headers });
  }
  const what: Record<number, string> = {
    400: "the provider rejected the request",
    401: "the API key was refused; check the provider's key",
    403: "the key may not use this model or endpoint",
    404: "unknown model or endpoint; check the provider's model name and base URL",
    413: "the request is too large (image or prompt)",
  };
  return new ProviderFailure("fatal", `http_${status}`, `${what[status] ?? `HTTP ${status}`}: ${message}`, { status, headers });
}

/** The error classes both official SDKs define under the same names. */
type SdkErrors = {
  APIUserAbortError: abstract new (...a: never[]) => Error;
  APIConnectionTimeoutError: abstract new (...a: never[]) => Error;
  APIConnectionError: abstract new (...a: never[]) => Error;
  APIError: abstract new (...a: never[]) => Error & { status?: number; error?: unknown; headers?: Headers };
};

/** An SDK's exception as a ProviderFailure; our own abort (shutdown deadline) and unknown errors pass through. */
export function sdkFailure(e: unknown, sdk: SdkErrors): unknown {
  if (e instanceof sdk.APIUserAbortError) return e; // our own shutdown, not the provider's doing
  if (e instanceof sdk.APIConnectionTimeoutError) return new ProviderFailure("retryable", "timeout", "The provider did not answer in time.");
  if (e instanceof sdk.APIConnectionError) return new ProviderFailure("retryable", "connection", `Could not reach the provider: ${e.message}`);
  if (e instanceof sdk.APIError) return classifyHttpError(e.status, e.error, e.headers ?? new Headers(), e.message);
  return e;
}
