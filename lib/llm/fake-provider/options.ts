// Everything a fake provider can be told at start, with defaults. The CLI
// and startFakeProvider() both go through this one schema.
import { z } from "zod";
import { faultRatesSchema } from "./faults";
import { rateLimitsSchema } from "./rate-limits";

const ms = z.number().int().nonnegative();

export const fakeProviderOptionsSchema = z.object({
  host: z.string().default("127.0.0.1"),
  /** 0 picks a free port. */
  port: z.number().int().min(0).max(65535).default(0),
  /** The key clients must send (Authorization: Bearer, or x-api-key). Absent: any key, or none, is accepted. */
  apiKey: z.string().min(1).optional(),
  /** Added before every model answer (and 5xx fault); rejections (401, 429, 4xx) come at once, as they do for real. */
  latencyMs: ms.default(0),
  /** Up to this much more, uniformly, from the seeded stream. */
  jitterMs: ms.default(0),
  limits: rateLimitsSchema.default({}),
  tokensPerImage: z.number().int().nonnegative().default(800),
  /** The output allowance charged at admission when a request gives no max_tokens. */
  defaultMaxTokens: z.number().int().positive().default(4096),
  /** Bodies larger than this get the provider's 413. */
  maxBodyBytes: z.number().int().positive().default(32 * 1024 * 1024),
  batch: z
    .object({
      /** OpenAI's "validating" phase before "in_progress". */
      validatingMs: ms.default(50),
      /** From in_progress to completed; lines finish evenly spread over it. */
      processingMs: ms.default(500),
      /** From cancel to cancelled/ended. */
      cancellingMs: ms.default(50),
    })
    .prefault({}),
  /** Random fault rates per kind (sum ≤ 1), drawn from the seeded stream. */
  faultRates: faultRatesSchema.default({}),
  seed: z.number().int().default(1),
});
export type FakeProviderOptions = z.input<typeof fakeProviderOptionsSchema>;
export type ResolvedOptions = z.output<typeof fakeProviderOptionsSchema>;
