// Anthropic's Message Batches API: create with {requests: [{custom_id,
// params}]}, a message_batch object (processing_status in_progress →
// ended, or canceling → ended), and results as JSONL of {custom_id, result}
// with result succeeded | errored | canceled | expired, fetched from the
// batch's results_url as the SDK does. Results come in a seeded shuffled
// order: the real API does not keep input order.
import { z } from "zod";
import { anthropicDialect } from "./anthropic-wire";
import { prepareMessage } from "./anthropic-routes";
import { isSuccess, runBatchLine, type LineOutcome } from "./batch-lines";
import { BatchRun, type BatchPhase } from "./batches";
import type { Route, ServerContext } from "./context";
import type { Exchange } from "./exchange";
import { newId, seedFrom, seededRng, shuffled } from "./random";

const createSchema = z.object({
  requests: z
    .array(
      z.object({
        custom_id: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "custom_id must be 1-64 letters, digits, underscores or dashes"),
        params: z.record(z.string(), z.unknown()),
      }),
    )
    .min(1),
});

interface LineResult {
  customId: string;
  outcome: LineOutcome;
}

export interface AnthropicBatch {
  id: string;
  customIds: string[];
  run: BatchRun<LineResult>;
}

const statusOf: Record<BatchPhase, "in_progress" | "canceling" | "ended"> = {
  validating: "in_progress",
  in_progress: "in_progress",
  cancelling: "canceling",
  cancelled: "ended",
  failed: "ended",
  ended: "ended",
};

function rfc3339(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

function view(batch: AnthropicBatch, origin: string) {
  const { run } = batch;
  const now = Date.now();
  const status = statusOf[run.phase(now)];
  const done = run.finished().map((r) => r.outcome);
  const succeeded = done.filter(isSuccess).length;
  const expired = done.filter((o) => o.kind === "expired").length;
  const unfinished = batch.customIds.length - done.length;
  return {
    id: batch.id,
    type: "message_batch",
    processing_status: status,
    request_counts: {
      processing: status === "ended" ? 0 : unfinished,
      succeeded,
      errored: done.length - succeeded - expired,
      canceled: status === "ended" ? unfinished : 0,
      expired,
    },
    created_at: rfc3339(run.createdAt),
    ended_at: rfc3339(run.endedAt(now)),
    expires_at: rfc3339(run.createdAt + 86_400_000),
    archived_at: null,
    cancel_initiated_at: rfc3339(run.cancelInitiatedAt),
    results_url: status === "ended" ? `${origin}/v1/messages/batches/${batch.id}/results` : null,
  };
}

function resultOf(outcome: LineOutcome | undefined): unknown {
  if (outcome === undefined) return { type: "canceled" };
  if (outcome.kind === "expired") return { type: "expired" };
  return outcome.status === 200 ? { type: "succeeded", message: outcome.body } : { type: "errored", error: outcome.body };
}

async function create(ctx: ServerContext, ex: Exchange): Promise<void> {
  const body = await ex.json(createSchema);
  if (body === null) return;
  const ids = body.requests.map((r) => r.custom_id);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate !== undefined) return ex.fail("bad_request", { message: `requests: custom_id '${duplicate}' is used more than once` });
  const id = newId("msgbatch_");
  const run = new BatchRun<LineResult>(body.requests.length, ctx.options.batch, (i) => {
    const request = body.requests[i] as (typeof body.requests)[number];
    const text = JSON.stringify(request);
    const outcome = runBatchLine(ctx, anthropicDialect, {
      batchId: id,
      customId: request.custom_id,
      path: "/v1/messages",
      text,
      prepare: (requestId) => prepareMessage(ctx, request.params, JSON.stringify(request.params), requestId),
    });
    return { customId: request.custom_id, outcome };
  });
  const batch: AnthropicBatch = { id, customIds: ids, run };
  ctx.anthropicBatches.set(id, batch);
  ex.sendJson(200, view(batch, ex.origin));
}

function found(ctx: ServerContext, ex: Exchange, id: string): AnthropicBatch | undefined {
  const batch = ctx.anthropicBatches.get(id);
  if (!batch) ex.fail("not_found", { message: `No message batch with id '${id}'.` });
  return batch;
}

export const anthropicBatchRoutes: Route[] = [
  { method: "POST", pattern: /^\/v1\/messages\/batches$/, dialect: anthropicDialect, handle: create },
  {
    method: "GET",
    pattern: /^\/v1\/messages\/batches\/([^/]+)$/,
    dialect: anthropicDialect,
    async handle(ctx, ex, [id]) {
      const batch = found(ctx, ex, id as string);
      if (batch) ex.sendJson(200, view(batch, ex.origin));
    },
  },
  {
    method: "POST",
    pattern: /^\/v1\/messages\/batches\/([^/]+)\/cancel$/,
    dialect: anthropicDialect,
    async handle(ctx, ex, [id]) {
      const batch = found(ctx, ex, id as string);
      if (!batch) return;
      batch.run.cancel();
      ex.sendJson(200, view(batch, ex.origin));
    },
  },
  {
    method: "GET",
    pattern: /^\/v1\/messages\/batches\/([^/]+)\/results$/,
    dialect: anthropicDialect,
    async handle(ctx, ex, [id]) {
      const batch = found(ctx, ex, id as string);
      if (!batch) return;
      if (statusOf[batch.run.phase()] !== "ended") {
        return ex.fail("bad_request", { message: `Message batch ${batch.id} has not ended yet; its results are not available.` });
      }
      const finished = batch.run.finished();
      const lines = batch.customIds.map((customId, i) => JSON.stringify({ custom_id: customId, result: resultOf(finished[i]?.outcome) }));
      const ordered = shuffled(seededRng(seedFrom(batch.id)), lines);
      ex.send(200, ordered.join("\n") + "\n", "application/x-jsonl");
    },
  },
];
