import "server-only";
// What an answer (or a final failure) leaves behind, the same for realtime
// calls and batch results: a Sample when the output is usable, else a failed
// request; tokens, cost, latency and the raw response either way, and the
// run's spend (which may stop it at its budget).
import { db, type Prisma } from "@/lib/db/client";
import { parseAnswer } from "@/lib/llm/call";
import { ProviderFailure, type CallResult } from "@/lib/llm/types";
import { costUsd } from "./cost";
import { stopRunForBudget } from "./run-state";
import { tasks } from "./tasks";

// Problems that make an output unusable (the rest are flagged for curators).
const BLOCKING = new Set(["schema", "mcq.correct_index_out_of_range"]);

const withContext = { run: true, provider: true, promptVersion: true, figure: true } as const;
export const loadRequest = (where: { key: string } | { id: number }) => db().generationRequest.findUnique({ where, include: withContext });
/** Many requests with what recording them needs, in one query (a batch's worth). */
export const loadRequests = (where: Prisma.GenerationRequestWhereInput) =>
  db().generationRequest.findMany({ where, include: withContext, orderBy: { id: "asc" } });
export type LoadedRequest = NonNullable<Awaited<ReturnType<typeof loadRequest>>>;

// A request is recorded once: the write claims it only while it is not yet
// final, and the run's spend grows only with that claim, so recording the
// same answer again (a retried recording, a re-ingested batch) changes nothing.
const OPEN = { notIn: ["succeeded", "failed", "cancelled"] as ("succeeded" | "failed" | "cancelled")[] };

export async function markFailed(req: LoadedRequest, e: ProviderFailure) {
  const usage = e.extra.usage;
  const cost = usage ? costUsd(req.provider, usage, req.run.mode === "batch") : null;
  await db().$transaction(async (tx) => {
    const claimed = await tx.generationRequest.updateMany({
      where: { id: req.id, status: OPEN },
      data: {
        status: "failed",
        errorKind: e.code,
        error: e.message,
        inputTokens: usage?.inputTokens,
        outputTokens: usage?.outputTokens,
        costUsd: cost,
        rawResponse: (e.extra.raw ?? undefined) as Prisma.InputJsonValue | undefined,
        finishedAt: new Date(),
      },
    });
    if (claimed.count && cost) await tx.generationRun.update({ where: { id: req.runId }, data: { spentUsd: { increment: cost } } });
  });
}

/** Stores the answer: a Sample when the output is usable, else a failed request (its cost still counts). */
export async function recordAnswer(req: LoadedRequest, result: CallResult & { latencyMs: number | null }): Promise<void> {
  const task = tasks[req.task];
  const problems = task.check(result.output);
  const blocking = problems.filter((p) => BLOCKING.has(p.code));
  if (blocking.length) {
    await markFailed(
      req,
      new ProviderFailure("fatal", "invalid_output", `The answer does not fit the ${req.task.toUpperCase()} schema: ${blocking.map((p) => `${p.path} ${p.message}`).join("; ")}`, {
        usage: result.usage,
        raw: result.raw,
      }),
    );
    return;
  }
  const parsed = (task.outputSchema as { parse(v: unknown): unknown }).parse(result.output);
  // The request key is the sample's stable id: MCQ letters are shuffled from it.
  const structured = (task.finalize as (o: unknown, id: string) => unknown)(parsed, req.key);
  const conversation = (task.toConversation as (s: unknown, seed: number) => unknown)(structured, req.seed);
  const cost = costUsd(req.provider, result.usage, req.run.mode === "batch");
  const run = await db().$transaction(async (tx) => {
    const claimed = await tx.generationRequest.updateMany({
      where: { id: req.id, status: OPEN },
      data: {
        status: "succeeded",
        error: null,
        errorKind: null,
        inputTokens: result.usage.inputTokens,
        outputTokens: result.usage.outputTokens,
        costUsd: cost,
        latencyMs: result.latencyMs,
        rawResponse: result.raw as Prisma.InputJsonValue,
        finishedAt: new Date(),
      },
    });
    if (claimed.count === 0) return null;
    await tx.sample.create({
      data: {
        projectId: req.run.projectId,
        runId: req.runId,
        requestId: req.id,
        figureId: req.figureId,
        task: req.task,
        output: parsed as Prisma.InputJsonValue,
        structured: structured as Prisma.InputJsonValue,
        conversation: conversation as Prisma.InputJsonValue,
        problems: problems as unknown as Prisma.InputJsonValue,
      },
    });
    return tx.generationRun.update({ where: { id: req.runId }, data: { spentUsd: { increment: cost } }, select: { spentUsd: true, budgetUsd: true } });
  });
  if (run && run.budgetUsd !== null && run.spentUsd >= run.budgetUsd) await stopRunForBudget(req.runId);
}

/** Records an answer kept on the request row: parsed again, then a Sample or a failure with the reason. */
export async function recordRaw(req: LoadedRequest, raw: unknown, latencyMs: number | null): Promise<void> {
  try {
    const { output, usage } = parseAnswer(req.provider.kind, raw, tasks[req.task].toolName);
    await recordAnswer(req, { output, usage, raw, latencyMs });
  } catch (e) {
    if (e instanceof ProviderFailure) await markFailed(req, e);
    else throw e;
  }
}
