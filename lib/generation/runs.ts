import "server-only";
// Generation runs (curators): start, pause, resume, cancel, re-run failed,
// and what the progress page shows. Postgres holds every request; the queues
// are re-filled from it whenever a run (re)starts.
import { db, type GenerationRunStatus, type Prisma } from "@/lib/db/client";
import { HttpError, notFound } from "@/lib/http/problem";
import { cancelRunBatches } from "./batch-run";
import { planRun, type RunInput } from "./plan-run";
import { queueRun } from "./reconcile";
import { dequeueRun, finishRunIfDone } from "./run-state";
import { letterDistribution, type McqStored } from "./tasks";

export async function startRun(projectId: number, input: RunInput, userId: string) {
  const { planned, estimate, eligible } = await planRun(projectId, input);
  if (planned.length === 0) {
    throw new HttpError(400, "Nothing to generate", "No eligible figure with an image for the chosen tasks. Label figures or train the filter model, or change the eligibility rules on the Analysis page.");
  }
  const run = await db().generationRun.create({
    data: {
      projectId,
      name: input.name,
      mode: input.mode,
      tasks: input.tasks,
      samplesPerFigure: input.samplesPerFigure,
      budgetUsd: input.budgetUsd,
      settings: { providers: input.providers, maxFigures: input.maxFigures, temperature: input.temperature, eligible, estimate } as Prisma.InputJsonValue,
      createdById: userId,
    },
  });
  // A key asked before (by any run) is not asked again: exactly once across runs.
  const { count } = await db().generationRequest.createMany({
    data: planned.map((r) => ({
      key: r.key,
      runId: run.id,
      figureId: r.figureId,
      task: r.task,
      providerId: r.providerId,
      promptVersionId: r.promptVersionId,
      sampleIndex: r.sampleIndex,
      seed: r.seed,
      params: r.params,
    })),
    skipDuplicates: true,
  });
  const skipped = planned.length - count;
  if (count === 0) {
    await db().generationRun.update({
      where: { id: run.id },
      data: { status: "succeeded", finishedAt: new Date(), message: `All ${planned.length} requests were already answered by earlier runs; nothing was sent.` },
    });
  } else {
    if (skipped) await db().generationRun.update({ where: { id: run.id }, data: { message: `${skipped} of ${planned.length} requests were already made by earlier runs and are not sent again.` } });
    await queueRun(run.id);
  }
  return { run, estimate, requests: count, skipped };
}

async function setStatus(runId: number, from: GenerationRunStatus[], to: GenerationRunStatus, verb: string, message?: string) {
  const run = await db().generationRun.findUnique({ where: { id: runId } });
  if (!run) throw notFound(`Generation run ${runId}`);
  if (!from.includes(run.status)) throw new HttpError(409, `Cannot ${verb}`, `The run is ${run.status.replace("_", " ")}; only a ${from.join(" or ").replace("_", " ")} run can be ${verb}d.`);
  await db().generationRun.update({ where: { id: runId }, data: { status: to, message: message ?? run.message, finishedAt: to === "running" ? null : run.finishedAt } });
  return run;
}

export async function pauseRun(runId: number) {
  const before = await setStatus(runId, ["running"], "paused", "pause", "Paused: requests in flight finish; nothing new is sent until you resume.");
  await dequeueRun(runId);
  return before;
}

export async function resumeRun(runId: number, budgetUsd?: number | null) {
  const before = await setStatus(runId, ["paused", "budget_stopped"], "running", "resume", "");
  if (budgetUsd !== undefined) await db().generationRun.update({ where: { id: runId }, data: { budgetUsd } });
  const run = await db().generationRun.findUniqueOrThrow({ where: { id: runId } });
  if (run.budgetUsd !== null && run.spentUsd >= run.budgetUsd) {
    await db().generationRun.update({ where: { id: runId }, data: { status: before.status, message: before.message } });
    throw new HttpError(409, "Budget reached", `The run has spent $${run.spentUsd.toFixed(2)} of its $${run.budgetUsd.toFixed(2)} budget; raise the budget to resume.`);
  }
  await queueRun(runId);
  await finishRunIfDone(runId);
  return before;
}

export async function cancelRun(runId: number) {
  const before = await setStatus(runId, ["running", "paused", "budget_stopped"], "cancelled", "cancel", "Cancelled: requests not yet sent were dropped.");
  await dequeueRun(runId);
  await cancelRunBatches(runId);
  await db().generationRequest.updateMany({ where: { runId, status: "queued" }, data: { status: "cancelled", finishedAt: new Date() } });
  await db().generationRun.update({ where: { id: runId }, data: { finishedAt: new Date() } });
  return before;
}

/** Sends the failed requests again (same keys); the rest of the run is untouched. */
export async function retryFailed(runId: number) {
  const run = await db().generationRun.findUnique({ where: { id: runId } });
  if (!run) throw notFound(`Generation run ${runId}`);
  if (run.status === "cancelled") throw new HttpError(409, "Run cancelled", "A cancelled run cannot be restarted; start a new run (answered requests are not paid for again).");
  const { count } = await db().generationRequest.updateMany({
    where: { runId, status: "failed" },
    data: { status: "queued", attempts: 0, error: null, errorKind: null, batchId: null, finishedAt: null },
  });
  if (count === 0) throw new HttpError(409, "Nothing to re-run", "This run has no failed requests.");
  await db().generationRun.update({ where: { id: runId }, data: { status: "running", finishedAt: null, message: `Re-running ${count} failed requests.` } });
  await queueRun(runId);
  return { requeued: count };
}

export async function listRuns(projectId: number) {
  const runs = await db().generationRun.findMany({ where: { projectId }, orderBy: { id: "desc" }, take: 100, include: { createdBy: { select: { name: true } } } });
  const counts = await db().generationRequest.groupBy({ by: ["runId", "status"], where: { runId: { in: runs.map((r) => r.id) } }, _count: { _all: true } });
  return runs.map((r) => {
    const mine = counts.filter((c) => c.runId === r.id);
    const n = Object.fromEntries(mine.map((c) => [c.status, c._count._all]));
    return { ...r, counts: n, total: mine.reduce((s, c) => s + c._count._all, 0) };
  });
}

/** Everything the run page shows: per task × provider progress, spend, errors, MCQ letter balance. */
export async function runProgress(runId: number) {
  const run = await db().generationRun.findUnique({ where: { id: runId }, include: { createdBy: { select: { name: true } } } });
  if (!run) throw notFound(`Generation run ${runId}`);
  const [groups, providers, errors, mcqs, latency, batches] = await Promise.all([
    db().generationRequest.groupBy({ by: ["task", "providerId", "status"], where: { runId }, _count: { _all: true } }),
    db().provider.findMany({ where: { requests: { some: { runId } } }, select: { id: true, name: true, model: true, kind: true } }),
    db().generationRequest.groupBy({ by: ["errorKind"], where: { runId, status: "failed" }, _count: { _all: true }, _max: { error: true } }),
    db().sample.findMany({ where: { runId, task: "mcq" }, select: { structured: true } }),
    db().generationRequest.aggregate({ where: { runId, status: "succeeded" }, _avg: { latencyMs: true }, _sum: { inputTokens: true, outputTokens: true } }),
    db().providerBatch.findMany({ where: { runId }, orderBy: { id: "asc" }, select: { id: true, providerId: true, status: true, externalId: true, requestCount: true, error: true } }),
  ]);
  const lanes = new Map<string, { task: string; providerId: number; counts: Record<string, number>; total: number }>();
  for (const g of groups) {
    const id = `${g.task}:${g.providerId}`;
    const lane = lanes.get(id) ?? { task: g.task, providerId: g.providerId, counts: {}, total: 0 };
    lane.counts[g.status] = g._count._all;
    lane.total += g._count._all;
    lanes.set(id, lane);
  }
  return {
    run,
    lanes: [...lanes.values()].sort((a, b) => a.task.localeCompare(b.task) || a.providerId - b.providerId),
    providers,
    errors: errors.map((e) => ({ kind: e.errorKind ?? "unknown", count: e._count._all, example: e._max.error })),
    letters: mcqs.length ? letterDistribution(mcqs.map((m) => m.structured as McqStored)) : null,
    tokens: { input: latency._sum.inputTokens ?? 0, output: latency._sum.outputTokens ?? 0 },
    avgLatencyMs: latency._avg.latencyMs,
    batches,
  };
}

export async function listSamples(runId: number, opts: { after?: number; limit: number }) {
  return db().sample.findMany({
    where: { runId, ...(opts.after ? { id: { gt: opts.after } } : {}) },
    orderBy: { id: "asc" },
    take: opts.limit,
    select: { id: true, task: true, figureId: true, structured: true, problems: true, status: true, createdAt: true, figure: { select: { figLabel: true, customId: true } } },
  });
}
