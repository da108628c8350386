// Fault injection, two ways: a scripted queue ("the next N matching
// requests get fault F") for tests, and seeded random rates per fault for
// demos and benchmarks. The queue wins over the rates.
import { z } from "zod";
import { seededRng, type Rng } from "./random";

/** Faults answered with an HTTP error status. */
const errorFaults = [
  "rate_limit",
  "insufficient_quota",
  "server_error",
  "service_unavailable",
  "overloaded",
  "bad_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "request_too_large",
] as const;
/** Faults answered 200 with a damaged or withheld answer. */
const contentFaults = ["malformed_json", "length", "refusal", "content_filter"] as const;

export const faultKindSchema = z.enum([...errorFaults, ...contentFaults, "timeout"]);
export type FaultKind = z.infer<typeof faultKindSchema>;
export type ErrorFault = (typeof errorFaults)[number];
export type ContentFault = (typeof contentFaults)[number];

export function isErrorFault(kind: FaultKind): kind is ErrorFault {
  return (errorFaults as readonly string[]).includes(kind);
}

const apiSchema = z.enum(["openai", "anthropic"]);
export type Api = z.infer<typeof apiSchema>;

export const faultRuleSchema = z.object({
  fault: faultKindSchema,
  /** How many matching requests get the fault. */
  count: z.number().int().positive().default(1),
  api: apiSchema.optional(),
  model: z.string().optional(),
  /** A substring of the request body (for a batch line: the line, custom_id included). */
  bodyContains: z.string().optional(),
  /** The request's key: its x-client-request-id header, or a batch line's custom_id. */
  key: z.string().optional(),
  /** true: only batch lines; false: only direct requests; absent: both. */
  batch: z.boolean().optional(),
  /**
   * A substring of the path. Needed for an error fault on a route that is not
   * a model call (e.g. "/v1/batches"); model calls match it too.
   */
  route: z.string().optional(),
  /** For rate_limit: the retry-after the answer carries (default 1 s). */
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type FaultRule = z.input<typeof faultRuleSchema>;
type ParsedRule = z.output<typeof faultRuleSchema>;

export const faultRatesSchema = z
  .partialRecord(faultKindSchema, z.number().min(0).max(1))
  .refine((rates) => Object.values(rates).reduce((a, b) => a + (b ?? 0), 0) <= 1, "fault rates must sum to at most 1");
export type FaultRates = z.infer<typeof faultRatesSchema>;

/** What a request looks like to the fault rules. */
export interface FaultTarget {
  api: Api;
  path: string;
  model: string | null;
  body: string;
  key: string | null;
  batch: boolean;
  /** A chat completion / message (direct or batch line), as opposed to a files or batches route. */
  modelCall: boolean;
}

export interface PickedFault {
  kind: FaultKind;
  retryAfterMs: number;
}

export interface FaultSnapshot {
  rules: ParsedRule[];
  rates: FaultRates;
  seed: number;
}

const DEFAULT_RETRY_AFTER_MS = 1000;

export class FaultPlan {
  private rules: ParsedRule[] = [];
  private rates: FaultRates = {};
  private seed = 1;
  private rng: Rng = seededRng(1);

  constructor(rates: FaultRates, seed: number) {
    this.setRates(rates, seed);
  }

  inject(rules: FaultRule | FaultRule[]): void {
    for (const rule of Array.isArray(rules) ? rules : [rules]) this.rules.push(faultRuleSchema.parse(rule));
  }

  /** Replaces the random rates and restarts their seeded stream. */
  setRates(rates: FaultRates, seed = this.seed): void {
    this.rates = faultRatesSchema.parse(rates);
    this.seed = seed;
    this.rng = seededRng(seed);
  }

  clear(): void {
    this.rules = [];
    this.setRates({}, this.seed);
  }

  snapshot(): FaultSnapshot {
    return { rules: this.rules.map((r) => ({ ...r })), rates: { ...this.rates }, seed: this.seed };
  }

  /** The fault for this request, if any; consumes one use of a scripted rule. */
  pick(target: FaultTarget): PickedFault | null {
    const index = this.rules.findIndex((rule) => matches(rule, target));
    const rule = this.rules[index];
    if (rule) {
      rule.count -= 1;
      if (rule.count === 0) this.rules.splice(index, 1);
      return { kind: rule.fault, retryAfterMs: rule.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS };
    }
    if (!target.modelCall) return null;
    // One draw per model call, whatever the rates, so a run replays exactly for a seed.
    let r = this.rng.next();
    for (const kind of faultKindSchema.options) {
      r -= this.rates[kind] ?? 0;
      if (r < 0) return { kind, retryAfterMs: DEFAULT_RETRY_AFTER_MS };
    }
    return null;
  }
}

function matches(rule: ParsedRule, t: FaultTarget): boolean {
  if (!t.modelCall && (rule.route === undefined || !isErrorFault(rule.fault))) return false;
  if (rule.route !== undefined && !t.path.includes(rule.route)) return false;
  if (rule.api !== undefined && rule.api !== t.api) return false;
  if (rule.model !== undefined && rule.model !== t.model) return false;
  if (rule.bodyContains !== undefined && !t.body.includes(rule.bodyContains)) return false;
  if (rule.key !== undefined && rule.key !== t.key) return false;
  if (rule.batch !== undefined && rule.batch !== t.batch) return false;
  return true;
}
