// The pipeline every model call (chat completion, message) goes through,
// in the order the real providers apply it: rate limits, then the model
// (here: faults, latency, the synthetic answer), then usage is settled
// against the limits and the answer sent with the rate-limit headers.
import type { Route, ServerContext } from "./context";
import type { Dialect, WireError } from "./dialect";
import type { Exchange } from "./exchange";
import { isErrorFault, type ContentFault } from "./faults";
import type { Costs } from "./rate-limits";

export interface ModelCall {
  model: string;
  inputTokens: number;
  maxTokens: number | undefined;
  /** The body as sent, for faults matched by substring. */
  bodyText: string;
  /** The provider's 200 body for an answer, and its output tokens. */
  respond(fault: ContentFault | null, batch: boolean): { body: unknown; outputTokens: number };
}

/** A request body as a model call, or the 400 it deserves. */
export type Prepared = { ok: true; call: ModelCall } | { ok: false; wire: WireError };
export type Prepare = (ctx: ServerContext, value: unknown, bodyText: string, requestId: string) => Prepared;

/** The route of a model call (chat completions, messages). */
export function modelCallRoute(pattern: RegExp, dialect: Dialect, prepare: Prepare): Route {
  return {
    method: "POST",
    pattern,
    dialect,
    modelCall: true,
    async handle(ctx, ex) {
      const body = await ex.jsonValue();
      if (body === null) return;
      const prepared = prepare(ctx, body.value, body.text, ex.requestId);
      if (!prepared.ok) ex.sendError(prepared.wire);
      else await serveModelCall(ctx, ex, prepared.call);
    },
  };
}

function costs(input: number, output: number): Costs {
  return { requests: 1, tokens: input + output, inputTokens: input, outputTokens: output };
}

async function serveModelCall(ctx: ServerContext, ex: Exchange, call: ModelCall): Promise<void> {
  const { dialect } = ex;
  ex.model = call.model;
  ex.inputTokens = call.inputTokens;
  const admission = ctx.limiter.admit(`${dialect.api}:${call.model}`, costs(call.inputTokens, call.maxTokens ?? ctx.options.defaultMaxTokens));
  if (!admission.ok) {
    const { snapshot, ...denial } = admission;
    ex.sendError(
      dialect.rateLimited({ ...denial, model: call.model, requestId: ex.requestId }),
      dialect.limitHeaders(snapshot, denial.retryAfterMs),
    );
    return;
  }
  const picked = ctx.faults.pick({
    api: dialect.api,
    path: ex.path,
    model: call.model,
    body: call.bodyText,
    key: ex.clientRequestId,
    batch: false,
    modelCall: true,
  });
  ex.fault = picked?.kind ?? null;

  if (picked?.kind === "timeout") {
    admission.ticket.settle(costs(0, 0));
    ex.hang();
    return;
  }
  if (picked && isErrorFault(picked.kind)) {
    const wire = dialect.error(picked.kind, { model: call.model, requestId: ex.requestId });
    // Server-side failures happen after the model has run for a while; rejections are immediate.
    if (wire.status >= 500) await ctx.delay();
    const snapshot = admission.ticket.settle(costs(0, 0));
    ex.sendError(wire, dialect.limitHeaders(snapshot, picked.kind === "rate_limit" ? picked.retryAfterMs : undefined));
    return;
  }

  await ctx.delay();
  const { body, outputTokens } = call.respond(picked ? (picked.kind as ContentFault) : null, false);
  const snapshot = admission.ticket.settle(costs(call.inputTokens, outputTokens));
  ex.outputTokens = outputTokens;
  ex.billable = true;
  ex.sendJson(200, body, dialect.limitHeaders(snapshot));
}
