// What differs between the two providers' wire formats for errors and
// rate-limit headers. The routes speak through a Dialect, so the request
// pipeline (auth, limits, faults, latency, recording) is written once.
import type { Api, ErrorFault } from "./faults";
import type { BucketName, LimitSnapshot } from "./rate-limits";

export interface WireError {
  status: number;
  body: unknown;
}

export interface ErrorDetail {
  /** Replaces the provider's usual message for this kind. */
  message?: string;
  /** OpenAI's `param`: the request field at fault. */
  param?: string;
  model?: string | null;
  requestId: string;
}

export interface RateLimitDenial {
  bucket: BucketName;
  limit: number;
  used: number;
  requested: number;
  retryAfterMs: number;
  model: string | null;
  requestId: string;
}

export interface Dialect {
  api: Api;
  /** The response header that carries the request id (`x-request-id`, `request-id`). */
  requestIdHeader: string;
  error(kind: ErrorFault, detail: ErrorDetail): WireError;
  /** The 429 for an exhausted bucket, worded as the provider words it. */
  rateLimited(denial: RateLimitDenial): WireError;
  /** The provider's rate-limit headers for a snapshot, and retry-after when given. */
  limitHeaders(snapshot: LimitSnapshot, retryAfterMs?: number): Record<string, string>;
}
