// One line of a batch, for either API: the same model as a direct request
// and the same faults (a rule with `batch: true` targets lines only), but
// no rate limits or latency, which real batch APIs apply to the batch as a
// whole. A timeout fault makes the line expire.
import type { ServerContext } from "./context";
import type { Dialect } from "./dialect";
import { isErrorFault, type ContentFault, type FaultKind } from "./faults";
import type { Prepared } from "./model-call";
import { newId } from "./random";

export interface BatchLine {
  batchId: string;
  customId: string;
  /** The endpoint the line calls. */
  path: string;
  /** The line as sent (its custom_id included), for faults matched by substring. */
  text: string;
  prepare(requestId: string): Prepared;
}

export interface Answered {
  kind: "answered";
  status: number;
  body: unknown;
  requestId: string;
  /** Billed tokens: 0 unless the status is 200. */
  inputTokens: number;
  outputTokens: number;
}
export type LineOutcome = Answered | { kind: "expired" };

export function isSuccess(outcome: LineOutcome): outcome is Answered {
  return outcome.kind === "answered" && outcome.status === 200;
}

export function runBatchLine(ctx: ServerContext, dialect: Dialect, line: BatchLine): LineOutcome {
  const requestId = newId("req_");
  const prepared = line.prepare(requestId);
  const call = prepared.ok ? prepared.call : null;
  const fault: FaultKind | null = call
    ? (ctx.faults.pick({ api: dialect.api, path: line.path, model: call.model, body: line.text, key: line.customId, batch: true, modelCall: true })
        ?.kind ?? null)
    : null;

  let answer: { status: number; body: unknown; outputTokens: number } | null;
  if (!prepared.ok) answer = { ...prepared.wire, outputTokens: 0 };
  else if (fault === "timeout") answer = null;
  else if (fault !== null && isErrorFault(fault)) answer = { ...dialect.error(fault, { model: prepared.call.model, requestId }), outputTokens: 0 };
  else answer = { status: 200, ...prepared.call.respond(fault as ContentFault | null, true) };

  const status = answer?.status ?? 0;
  const billed = status === 200;
  const inputTokens = billed && call ? call.inputTokens : 0;
  const outputTokens = billed && answer ? answer.outputTokens : 0;
  ctx.recorder.add({
    at: new Date().toISOString(),
    api: dialect.api,
    method: "POST",
    route: line.path,
    model: call?.model ?? null,
    clientRequestId: null,
    batchId: line.batchId,
    customId: line.customId,
    status,
    fault,
    inputTokens,
    outputTokens,
    billed,
    delivered: answer !== null,
    durationMs: 0,
  });
  return answer ? { kind: "answered", status, body: answer.body, requestId, inputTokens, outputTokens } : { kind: "expired" };
}
