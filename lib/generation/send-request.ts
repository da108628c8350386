import "server-only";
// One generation request, exactly once. Postgres decides: a request already
// answered is never sent again, and "sending" is written (with sends + 1)
// before the call, so a worker killed mid-request leaves a record that it may
// have been paid for. The queue only carries the key.
import { db, type GenerationRequest, type Prisma } from "@/lib/db/client";
import { callProvider } from "@/lib/llm/call";
import { remainingTokens } from "@/lib/llm/rate-limit-headers";
import { settleTokens, takeTokens, type Bucket } from "@/lib/llm/token-bucket";
import { ProviderFailure, type CallResult } from "@/lib/llm/types";
import { costUsd } from "./cost";
import { finishRunIfDone, stopRunForBudget } from "./run-state";
import { prepareCall, type PreparedCall } from "./prepare-call";
import { tasks } from "./tasks";

export type Outcome =
  | { type: "done" }
  | { type: "skipped"; reason: string }
  | { type: "rate_limited"; ms: number }
  | { type: "retry"; message: string };

// Problems that make an output unusable (the rest are flagged for curators).
const BLOCKING = new Set(["schema", "mcq.correct_index_out_of_range"]);

const load = (key: string) =>
  db().generationRequest.findUnique({ where: { key }, include: { run: true, provider: true, promptVersion: true, figure: true } });
type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

export async function sendRequest(key: string, opts: { lastAttempt: boolean }): Promise<Outcome> {
  const req = await load(key);
  if (!req) return { type: "skipped", reason: "unknown request" };
  if (req.status !== "queued" && req.status !== "sending") return { type: "skipped", reason: `already ${req.status}` };
  if (req.run.status !== "running") return { type: "skipped", reason: `run is ${req.run.status}` };
  if (req.run.budgetUsd !== null && req.run.spentUsd >= req.run.budgetUsd) {
    await stopRunForBudget(req.runId);
    return { type: "skipped", reason: "budget reached" };
  }

  let call: PreparedCall;
  try {
    call = await prepareCall(req);
  } catch (e) {
    await markFailed(req, new ProviderFailure("fatal", "prepare", (e as Error).message));
    return { type: "done" };
  }
  const wait = await takeTokens(req.providerId, call.buckets);
  if (wait > 0) return { type: "rate_limited", ms: wait };

  await db().generationRequest.update({
    where: { id: req.id },
    data: { status: "sending", sends: { increment: 1 }, attempts: { increment: 1 }, sentAt: new Date() },
  });
  try {
    const result = await callProvider(req.provider, call.spec);
    await settle(req.providerId, call, result.usage, remainingTokens(result.headers));
    await recordAnswer(req, result);
    return { type: "done" };
  } catch (e) {
    if (!(e instanceof ProviderFailure)) {
      await settle(req.providerId, call, null, null);
      await requeue(req, `unexpected error: ${(e as Error).message}`);
      throw e;
    }
    await settle(req.providerId, call, e.extra.usage ?? null, e.extra.headers ? remainingTokens(e.extra.headers) : null);
    if (e.kind === "rate_limit") {
      // Not billed and not the request's fault: it goes back without using an attempt.
      await db().generationRequest.update({ where: { id: req.id }, data: { status: "queued", attempts: { decrement: 1 }, error: e.message } });
      return { type: "rate_limited", ms: e.extra.retryAfterMs ?? 1_000 };
    }
    if (e.kind === "retryable" && !opts.lastAttempt) {
      await requeue(req, e.message);
      return { type: "retry", message: e.message };
    }
    await markFailed(req, e);
    return { type: "done" };
  } finally {
    await finishRunIfDone(req.runId);
  }
}

async function settle(providerId: number, call: PreparedCall, usage: { inputTokens: number; outputTokens: number } | null, remaining: number | null) {
  const used: Record<Bucket["name"], number> = usage
    ? { tokens: usage.inputTokens + usage.outputTokens, input: usage.inputTokens, output: usage.outputTokens }
    : { tokens: 0, input: 0, output: 0 };
  await Promise.all(call.buckets.map((b) => settleTokens(providerId, b, b.cost - (used[b.name] ?? 0), b.name === "output" ? null : remaining)));
}

const requeue = (req: GenerationRequest, error: string) =>
  db().generationRequest.update({ where: { id: req.id }, data: { status: "queued", error } });

async function markFailed(req: Loaded, e: ProviderFailure) {
  const usage = e.extra.usage;
  const cost = usage ? costUsd(req.provider, usage, req.run.mode === "batch") : null;
  await db().$transaction([
    db().generationRequest.update({
      where: { id: req.id },
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
    }),
    ...(cost ? [db().generationRun.update({ where: { id: req.runId }, data: { spentUsd: { increment: cost } } })] : []),
  ]);
}

/** Stores the answer: a Sample when the output is usable, else a failed request (its cost still counts). */
export async function recordAnswer(req: Loaded, result: Pick<CallResult, "output" | "usage" | "raw" | "latencyMs">): Promise<void> {
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
    // The unique request_id makes a duplicate answer (a re-sent request) add nothing.
    await tx.sample.createMany({
      data: [
        {
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
      ],
      skipDuplicates: true,
    });
    await tx.generationRequest.update({
      where: { id: req.id },
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
    // Paid either way, so it counts against the budget even if the sample existed.
    return tx.generationRun.update({ where: { id: req.runId }, data: { spentUsd: { increment: cost } }, select: { spentUsd: true, budgetUsd: true } });
  });
  if (run.budgetUsd !== null && run.spentUsd >= run.budgetUsd) await stopRunForBudget(req.runId);
}
