import "server-only";
// Batch mode, one tick at a time (a Redis lock keeps worker processes from
// overlapping): adopt or resend batches a crash left half-created, poll the
// submitted ones and ingest results by custom_id, then submit the queued
// requests of running batch-mode runs. Batch rows, their provider ids and
// every request's batch are written to Postgres before the provider is asked
// anything, so a restart finds them.
import { randomUUID } from "node:crypto";
import { config } from "@/lib/config";
import { db, type Provider, type ProviderBatch } from "@/lib/db/client";
import { batchResults, batchState, cancelBatch, findSubmitted, submitBatch, type BatchLine } from "@/lib/llm/batch-api";
import { ProviderFailure } from "@/lib/llm/types";
import { redis } from "@/lib/queue/connection";
import { prepareCall } from "./prepare-call";
import { loadRequests, markFailed, recordAnswer } from "./record-outcome";
import { finishRunIfDone, stopRunForBudget } from "./run-state";
import { tasks } from "./tasks";

export async function batchTick(): Promise<void> {
  const lock = `${config().queuePrefix}:batch-tick-lock`;
  const token = randomUUID();
  if ((await redis().set(lock, token, "PX", 10 * 60_000, "NX")) !== "OK") return;
  try {
    for (const b of await db().providerBatch.findMany({ where: { status: "creating" }, include: { provider: true } })) await recoverCreating(b);
    for (const b of await db().providerBatch.findMany({ where: { status: "submitted" }, include: { provider: true } })) await pollBatch(b);
    for (const run of await db().generationRun.findMany({ where: { status: "running", mode: "batch" }, select: { id: true } })) await submitRun(run.id);
  } finally {
    if ((await redis().get(lock)) === token) await redis().del(lock);
  }
}

async function submitRun(runId: number) {
  const { maxRequests, maxBytes } = config().batch;
  const providers = await db().provider.findMany({ where: { requests: { some: { runId, status: "queued" } } } });
  for (const p of providers) {
    for (;;) {
      const run = await db().generationRun.findUniqueOrThrow({ where: { id: runId } });
      if (run.status !== "running") return;
      if (run.budgetUsd !== null && run.spentUsd >= run.budgetUsd) return stopRunForBudget(runId);
      const queued = await db().generationRequest.findMany({ where: { runId, providerId: p.id, status: "queued" }, orderBy: { id: "asc" }, take: maxRequests, select: { id: true } });
      if (queued.length === 0) break;
      // Prepare lines until the batch is full (images make lines large).
      const lines: { id: number; line: BatchLine }[] = [];
      let bytes = 0;
      for (const req of await loadRequests({ id: { in: queued.map((q) => q.id) } })) {
        const id = req.id;
        try {
          const call = await prepareCall(req);
          const size = JSON.stringify(call.spec.request).length;
          if (lines.length > 0 && bytes + size > maxBytes) break;
          bytes += size;
          lines.push({ id, line: { customId: req.key, spec: call.spec } });
        } catch (e) {
          await markFailed(req, new ProviderFailure("fatal", "prepare", (e as Error).message));
        }
      }
      if (lines.length === 0) continue;
      await submitLines(p, runId, lines);
    }
  }
  await finishRunIfDone(runId);
}

async function submitLines(p: Provider, runId: number, lines: { id: number; line: BatchLine }[]) {
  const ids = lines.map((l) => l.id);
  // Recorded before the provider is asked: a crash after this leaves a "creating" batch to recover.
  const batch = await db().$transaction(async (tx) => {
    const b = await tx.providerBatch.create({ data: { runId, providerId: p.id, requestCount: lines.length } });
    await tx.generationRequest.updateMany({
      where: { id: { in: ids } },
      data: { status: "batched", batchId: b.id, sends: { increment: 1 }, attempts: { increment: 1 }, sentAt: new Date() },
    });
    return b;
  });
  await send(p, batch, lines.map((l) => l.line));
}

async function send(p: Provider, batch: ProviderBatch, lines: BatchLine[]) {
  try {
    const s = await submitBatch(p, lines, batch.id);
    await db().providerBatch.update({ where: { id: batch.id }, data: { status: "submitted", externalId: s.externalId, inputFileId: s.inputFileId, submittedAt: new Date() } });
  } catch (e) {
    const f = e instanceof ProviderFailure ? e : new ProviderFailure("retryable", "batch_submit", (e as Error).message);
    await db().providerBatch.update({ where: { id: batch.id }, data: { status: "failed", error: f.message, endedAt: new Date() } });
    // Nothing was accepted: the requests go back to the queue, or fail with the reason when retrying cannot help.
    if (f.kind === "fatal") {
      for (const req of await loadRequests({ batchId: batch.id, status: "batched" })) await markFailed(req, f);
    } else {
      await db().generationRequest.updateMany({ where: { batchId: batch.id, status: "batched" }, data: { status: "queued", batchId: null, error: f.message } });
    }
  }
}

/** A batch row whose submit was cut off: adopt the provider's batch if it exists, else send it again. */
async function recoverCreating(b: ProviderBatch & { provider: Provider }) {
  const existing = await findSubmitted(b.provider, b.id).catch(() => null);
  if (existing) {
    await db().providerBatch.update({ where: { id: b.id }, data: { status: "submitted", externalId: existing, submittedAt: new Date() } });
    return;
  }
  const lines: BatchLine[] = [];
  for (const req of await loadRequests({ batchId: b.id, status: "batched" })) lines.push({ customId: req.key, spec: (await prepareCall(req)).spec });
  if (lines.length) await send(b.provider, b, lines);
  else await db().providerBatch.update({ where: { id: b.id }, data: { status: "failed", error: "no requests", endedAt: new Date() } });
}

async function pollBatch(b: ProviderBatch & { provider: Provider }) {
  const state = await batchState(b.provider, b.externalId!);
  if (!state.ended) return;
  // Only a request still waiting on this batch takes a result (recording claims it once, so a
  // result file read twice changes nothing).
  const waiting = new Map((await loadRequests({ batchId: b.id, status: "batched" })).map((r) => [r.key, r]));
  for await (const line of batchResults(b.provider, b.externalId!, (id) => (waiting.has(id) ? tasks[waiting.get(id)!.task].toolName : ""))) {
    const req = waiting.get(line.customId);
    if (!req) continue;
    if (line.ok) await recordAnswer(req, { output: line.output, usage: line.usage, raw: line.raw, latencyMs: null });
    else if (line.failure.kind === "fatal") await markFailed(req, line.failure);
    else await requeue(req.id, req.run.status, line.failure.message);
  }
  // Lines the provider never answered (expired, cancelled) go back to the queue.
  const run = await db().generationRun.findUniqueOrThrow({ where: { id: b.runId } });
  for (const r of await db().generationRequest.findMany({ where: { batchId: b.id, status: "batched" }, select: { id: true } })) {
    await requeue(r.id, run.status, `batch ${state.detail}`);
  }
  await db().providerBatch.update({ where: { id: b.id }, data: { status: "ended", endedAt: new Date(), error: null } });
  await finishRunIfDone(b.runId);
}

async function requeue(id: number, runStatus: string, error: string) {
  await db().generationRequest.update({
    where: { id },
    data: runStatus === "cancelled" ? { status: "cancelled", error, finishedAt: new Date() } : { status: "queued", batchId: null, error },
  });
}

/** Cancelling a batch-mode run also cancels its submitted provider batches (what already ran is still recorded). */
export async function cancelRunBatches(runId: number): Promise<void> {
  for (const b of await db().providerBatch.findMany({ where: { runId, status: "submitted" }, include: { provider: true } })) {
    await cancelBatch(b.provider, b.externalId!).catch((e: Error) => console.warn(`cancel batch ${b.externalId}: ${e.message}`));
  }
}
