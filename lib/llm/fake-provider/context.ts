// The state one fake provider holds, shared by its routes.
import type { AnthropicBatch } from "./anthropic-batches";
import type { Dialect } from "./dialect";
import type { Exchange } from "./exchange";
import type { FaultPlan } from "./faults";
import type { OpenAIBatch } from "./openai-batches";
import type { FileStore } from "./openai-files";
import type { ResolvedOptions } from "./options";
import type { RateLimiter } from "./rate-limits";
import type { Recorder } from "./recorder";

export interface ServerContext {
  options: ResolvedOptions;
  limiter: RateLimiter;
  faults: FaultPlan;
  recorder: Recorder;
  files: FileStore;
  openaiBatches: Map<string, OpenAIBatch>;
  anthropicBatches: Map<string, AnthropicBatch>;
  /** The configured latency (with jitter); rejects when the server closes. */
  delay(): Promise<void>;
}

export interface Route {
  method: "GET" | "POST";
  /** Anchored; capture groups become `params`. */
  pattern: RegExp;
  dialect: Dialect;
  /** Chat completions and messages pick their faults themselves; other routes only take scripted error faults. */
  modelCall?: true;
  handle(ctx: ServerContext, ex: Exchange, params: string[]): Promise<void>;
}
