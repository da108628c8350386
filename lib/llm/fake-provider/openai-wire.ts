// OpenAI's error bodies ({error: {message, type, param, code}}) and
// x-ratelimit-* headers, as documented at
// platform.openai.com/docs/guides/error-codes and .../rate-limits.
import type { Dialect, ErrorDetail, RateLimitDenial, WireError } from "./dialect";
import type { ErrorFault } from "./faults";
import { goDuration, type LimitSnapshot } from "./rate-limits";

type Shape = { status: number; type: string; code: string | null; message: (d: ErrorDetail) => string };

const shapes: Record<ErrorFault, Shape> = {
  rate_limit: {
    status: 429,
    type: "requests",
    code: "rate_limit_exceeded",
    message: (d) => `Rate limit reached for ${d.model ?? "this model"} in organization org-fake on requests per min (RPM). Please try again later.`,
  },
  insufficient_quota: {
    status: 429,
    type: "insufficient_quota",
    code: "insufficient_quota",
    message: () =>
      "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
  },
  server_error: {
    status: 500,
    type: "server_error",
    code: null,
    message: () => "The server had an error while processing your request. Sorry about that!",
  },
  service_unavailable: { status: 503, type: "server_error", code: null, message: () => "The server is overloaded or not ready yet." },
  // OpenAI has no 529; its overload answer is a 503.
  overloaded: { status: 503, type: "server_error", code: null, message: () => "The engine is currently overloaded, please try again later." },
  bad_request: { status: 400, type: "invalid_request_error", code: null, message: () => "Invalid request (synthetic fault)." },
  unauthorized: {
    status: 401,
    type: "invalid_request_error",
    code: "invalid_api_key",
    message: () => "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
  },
  forbidden: {
    status: 403,
    type: "request_forbidden",
    code: "unsupported_country_region_territory",
    message: () => "Country, region, or territory not supported",
  },
  not_found: {
    status: 404,
    type: "invalid_request_error",
    code: "model_not_found",
    message: (d) => `The model \`${d.model ?? "unknown"}\` does not exist or you do not have access to it.`,
  },
  request_too_large: { status: 413, type: "invalid_request_error", code: "request_too_large", message: () => "Request too large." },
};

const bucketWords = {
  requests: ["requests", "requests per min (RPM)"],
  tokens: ["tokens", "tokens per min (TPM)"],
  inputTokens: ["tokens", "input tokens per min"],
  outputTokens: ["tokens", "output tokens per min"],
} as const;

function body(type: string, code: string | null, message: string, param: string | null) {
  return { error: { message, type, param, code } };
}

export const openaiDialect: Dialect = {
  api: "openai",
  requestIdHeader: "x-request-id",

  error(kind, detail): WireError {
    const shape = shapes[kind];
    return { status: shape.status, body: body(shape.type, shape.code, detail.message ?? shape.message(detail), detail.param ?? null) };
  },

  rateLimited(d: RateLimitDenial): WireError {
    const [type, words] = bucketWords[d.bucket];
    const message =
      `Rate limit reached for ${d.model ?? "this model"} in organization org-fake on ${words}: Limit ${d.limit}, Used ${d.used}, ` +
      `Requested ${d.requested}. Please try again in ${goDuration(d.retryAfterMs)}. Visit https://platform.openai.com/account/rate-limits to learn more.`;
    return { status: 429, body: body(type, "rate_limit_exceeded", message, null) };
  },

  limitHeaders(snapshot: LimitSnapshot, retryAfterMs?: number) {
    const h: Record<string, string> = {};
    for (const [name, state] of [["requests", snapshot.requests], ["tokens", snapshot.tokens]] as const) {
      if (!state) continue;
      h[`x-ratelimit-limit-${name}`] = String(state.limit);
      h[`x-ratelimit-remaining-${name}`] = String(state.remaining);
      h[`x-ratelimit-reset-${name}`] = goDuration(state.resetMs);
    }
    if (retryAfterMs !== undefined) {
      h["retry-after"] = String(Math.ceil(retryAfterMs / 1000));
      h["retry-after-ms"] = String(Math.ceil(retryAfterMs));
    }
    return h;
  },
};
