// Rate limits as the real providers run them: token buckets that refill
// continuously (a limit of 60/min gives one request back each second, not
// 60 at the top of each minute), one set of buckets per API and model.
//
// Token cost: a request is admitted only if its worst case fits, i.e. its
// input estimate plus max_tokens (the default output allowance when the
// request gives none). When the answer is produced the buckets are refunded
// down to the actual use (input + output tokens; nothing for an error).
// So a burst of requests with a large max_tokens is limited earlier than
// their real use would suggest, as OpenAI and Anthropic do.
import { z } from "zod";

const perMinute = z.number().positive().optional();
export const rateLimitsSchema = z.object({
  requestsPerMinute: perMinute,
  /** Input + output tokens (OpenAI's TPM; Anthropic's combined tokens limit). */
  tokensPerMinute: perMinute,
  /** Anthropic-style input-tokens limit (ITPM). */
  inputTokensPerMinute: perMinute,
  /** Anthropic-style output-tokens limit (OTPM), charged max_tokens up front. */
  outputTokensPerMinute: perMinute,
});
export type RateLimits = z.infer<typeof rateLimitsSchema>;

export type BucketName = "requests" | "tokens" | "inputTokens" | "outputTokens";
const bucketLimit: Record<BucketName, keyof RateLimits> = {
  requests: "requestsPerMinute",
  tokens: "tokensPerMinute",
  inputTokens: "inputTokensPerMinute",
  outputTokens: "outputTokensPerMinute",
};

class TokenBucket {
  private level: number;
  private last: number;

  constructor(
    readonly limit: number,
    private readonly now: () => number,
  ) {
    this.level = limit;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.level = Math.min(this.limit, this.level + ((t - this.last) * this.limit) / 60_000);
    this.last = t;
  }

  /** Milliseconds until `amount` is available (0 if it is now). */
  waitFor(amount: number): number {
    this.refill();
    const missing = Math.min(amount, this.limit) - this.level;
    return missing <= 0 ? 0 : Math.ceil((missing * 60_000) / this.limit);
  }

  take(amount: number): void {
    this.refill();
    this.level -= amount;
  }

  give(amount: number): void {
    this.refill();
    this.level = Math.min(this.limit, this.level + amount);
  }

  state(): BucketState {
    this.refill();
    const remaining = Math.max(0, Math.floor(this.level));
    return { limit: this.limit, remaining, resetMs: Math.ceil(((this.limit - this.level) * 60_000) / this.limit) };
  }
}

export interface BucketState {
  limit: number;
  remaining: number;
  /** Until the bucket is full again, which is what the providers' reset headers report. */
  resetMs: number;
}
export type LimitSnapshot = Partial<Record<BucketName, BucketState>>;

export type Costs = Record<BucketName, number>;

export type Admission =
  | { ok: true; ticket: Ticket }
  | { ok: false; bucket: BucketName; limit: number; used: number; requested: number; retryAfterMs: number; snapshot: LimitSnapshot };

/** What an admitted request holds; settle it once with the actual use. */
export interface Ticket {
  settle(actual: Costs): LimitSnapshot;
}

export class RateLimiter {
  private readonly sets = new Map<string, Map<BucketName, TokenBucket>>();

  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  private buckets(scope: string): Map<BucketName, TokenBucket> {
    let set = this.sets.get(scope);
    if (!set) {
      set = new Map();
      for (const [name, key] of Object.entries(bucketLimit) as [BucketName, keyof RateLimits][]) {
        const limit = this.limits[key];
        if (limit !== undefined) set.set(name, new TokenBucket(limit, this.now));
      }
      this.sets.set(scope, set);
    }
    return set;
  }

  /** All-or-nothing: either every bucket pays its cost or none does. */
  admit(scope: string, cost: Costs): Admission {
    const set = this.buckets(scope);
    let worst: { name: BucketName; bucket: TokenBucket; wait: number } | null = null;
    for (const [name, bucket] of set) {
      const wait = bucket.waitFor(cost[name]);
      if (wait > 0 && (!worst || wait > worst.wait)) worst = { name, bucket, wait };
    }
    if (worst) {
      const state = worst.bucket.state();
      return {
        ok: false,
        bucket: worst.name,
        limit: state.limit,
        used: state.limit - state.remaining,
        requested: cost[worst.name],
        retryAfterMs: worst.wait,
        snapshot: snapshotOf(set),
      };
    }
    for (const [name, bucket] of set) bucket.take(cost[name]);
    let settled = false;
    return {
      ok: true,
      ticket: {
        settle(actual) {
          if (!settled) {
            settled = true;
            for (const [name, bucket] of set) {
              const refund = cost[name] - actual[name];
              if (refund > 0) bucket.give(refund);
              else bucket.take(-refund);
            }
          }
          return snapshotOf(set);
        },
      },
    };
  }

  /** Current state without spending anything (for headers on answers that bypass admission). */
  peek(scope: string): LimitSnapshot {
    return snapshotOf(this.buckets(scope));
  }

  reset(): void {
    this.sets.clear();
  }
}

function snapshotOf(set: Map<BucketName, TokenBucket>): LimitSnapshot {
  const out: LimitSnapshot = {};
  for (const [name, bucket] of set) out[name] = bucket.state();
  return out;
}

/** Go-style durations as OpenAI writes them in x-ratelimit-reset-*: "17ms", "1s", "6m0s", "1.5s". */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = Number(((ms % 60_000) / 1000).toFixed(3));
  const s = `${seconds}s`;
  if (hours > 0) return `${hours}h${minutes}m${s}`;
  if (minutes > 0) return `${minutes}m${s}`;
  return s;
}
