// Anthropic's error bodies ({type: "error", error: {type, message},
// request_id}) and anthropic-ratelimit-* headers, as documented at
// docs.claude.com/en/api/errors and .../rate-limits.
import type { Dialect, ErrorDetail, RateLimitDenial, WireError } from "./dialect";
import type { ErrorFault } from "./faults";
import type { BucketName, LimitSnapshot } from "./rate-limits";

type Shape = { status: number; type: string; message: (d: ErrorDetail) => string };

const shapes: Record<ErrorFault, Shape> = {
  rate_limit: {
    status: 429,
    type: "rate_limit_error",
    message: () => "This request would exceed the rate limit for your organization. Please try again later.",
  },
  // Anthropic reports an empty prepaid balance as a 400, not a 429.
  insufficient_quota: {
    status: 400,
    type: "invalid_request_error",
    message: () => "Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.",
  },
  server_error: { status: 500, type: "api_error", message: () => "Internal server error" },
  service_unavailable: { status: 503, type: "api_error", message: () => "Service unavailable" },
  overloaded: { status: 529, type: "overloaded_error", message: () => "Overloaded" },
  bad_request: { status: 400, type: "invalid_request_error", message: () => "Invalid request (synthetic fault)." },
  unauthorized: { status: 401, type: "authentication_error", message: () => "invalid x-api-key" },
  forbidden: {
    status: 403,
    type: "permission_error",
    message: () => "Your API key does not have permission to use the specified resource.",
  },
  not_found: { status: 404, type: "not_found_error", message: (d) => `model: ${d.model ?? "unknown"}` },
  request_too_large: { status: 413, type: "request_too_large", message: () => "Request exceeds the maximum allowed number of bytes." },
};

const headerNames: Record<BucketName, string> = {
  requests: "requests",
  tokens: "tokens",
  inputTokens: "input-tokens",
  outputTokens: "output-tokens",
};
const limitWords: Record<BucketName, string> = {
  requests: "requests",
  tokens: "tokens",
  inputTokens: "input tokens",
  outputTokens: "output tokens",
};

function body(type: string, message: string, requestId: string) {
  return { type: "error", error: { type, message }, request_id: requestId };
}

/** RFC 3339, rounded up to the whole second as Anthropic sends it. */
function resetAt(ms: number): string {
  return new Date(Math.ceil((Date.now() + ms) / 1000) * 1000).toISOString().replace(/\.000Z$/, "Z");
}

export const anthropicDialect: Dialect = {
  api: "anthropic",
  requestIdHeader: "request-id",

  error(kind, detail): WireError {
    const shape = shapes[kind];
    return { status: shape.status, body: body(shape.type, detail.message ?? shape.message(detail), detail.requestId) };
  },

  rateLimited(d: RateLimitDenial): WireError {
    const message =
      `This request would exceed the rate limit for your organization (org-fake) of ${d.limit} ${limitWords[d.bucket]} per minute. ` +
      "For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. " +
      "Please reduce the prompt length or the maximum tokens requested, or try again later.";
    return { status: 429, body: body("rate_limit_error", message, d.requestId) };
  },

  limitHeaders(snapshot: LimitSnapshot, retryAfterMs?: number) {
    const h: Record<string, string> = {};
    for (const [name, state] of Object.entries(snapshot) as [BucketName, NonNullable<LimitSnapshot[BucketName]>][]) {
      const prefix = `anthropic-ratelimit-${headerNames[name]}`;
      h[`${prefix}-limit`] = String(state.limit);
      h[`${prefix}-remaining`] = String(state.remaining);
      h[`${prefix}-reset`] = resetAt(state.resetMs);
    }
    if (retryAfterMs !== undefined) h["retry-after"] = String(Math.ceil(retryAfterMs / 1000));
    return h;
  },
};
