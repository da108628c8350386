import "server-only";
// One generation request, exactly once. Postgres decides: a request already
// answered is never sent again, and "sending" is written (with sends + 1)
// before the call, so a worker killed mid-request leaves a record that it may
// have been paid for. The queue only carries the key.
import { db, Prisma, type GenerationRequest } from "@/lib/db/client";
import { answerUsage, callProvider } from "@/lib/llm/call";
import { remainingTokens } from "@/lib/llm/rate-limit-headers";
import { settleTokens, takeTokens, type Bucket } from "@/lib/llm/token-bucket";
import { ProviderFailure } from "@/lib/llm/types";
import { finishRunIfDone, stopRunForBudget } from "./run-state";
import { prepareCall, type PreparedCall } from "./prepare-call";
import { loadRequest, markFailed, recordRaw, type LoadedRequest } from "./record-outcome";

export type Outcome =
  | { type: "done" }
  | { type: "skipped"; reason: string }
  | { type: "rate_limited"; ms: number }
  | { type: "retry"; message: string };


export async function sendRequest(key: string, opts: { lastAttempt: boolean; signal?: AbortSignal }): Promise<Outcome> {
  const req = await loadRequest({ key });
  if (!req) return { type: "skipped", reason: "unknown request" };
  if (req.status !== "queued" && req.status !== "sending") return { type: "skipped", reason: `already ${req.status}` };
  // An earlier attempt got the answer but could not record it: record it now, never ask again.
  if (req.status === "sending" && req.rawResponse !== null) {
    await recordRaw(req, req.rawResponse, req.latencyMs);
    await finishRunIfDone(req.runId);
    return { type: "done" };
  }
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
    data: { status: "sending", sends: { increment: 1 }, attempts: { increment: 1 }, sentAt: new Date(), rawResponse: Prisma.DbNull },
  });
  let answer: Awaited<ReturnType<typeof callProvider>>;
  try {
    answer = await callProvider(req.provider, { ...call.spec, signal: opts.signal });
  } catch (e) {
    return await failedCall(req, call, e, opts);
  }
  // Paid for from here on. The answer is kept on the row before anything else
  // can fail, and a database hiccup retries the recording, not the request.
  const usage = answerUsage(req.provider.kind, answer.raw);
  await settle(req.providerId, call, usage, remainingTokens(answer.headers)).catch((e: Error) => console.warn(`token settle: ${e.message}`));
  await persistently(() => db().generationRequest.update({ where: { id: req.id }, data: { rawResponse: answer.raw as Prisma.InputJsonValue, latencyMs: answer.latencyMs } }));
  await persistently(() => recordRaw(req, answer.raw, answer.latencyMs));
  await finishRunIfDone(req.runId);
  return { type: "done" };
}

/** A call that brought no answer: wait out a 429, back off on 5xx / timeouts, or fail with the reason. */
async function failedCall(req: LoadedRequest, call: PreparedCall, e: unknown, opts: { lastAttempt: boolean; signal?: AbortSignal }): Promise<Outcome> {
  try {
    if (opts.signal?.aborted) {
      // Cut off by a shutdown deadline: it may have been paid, so it stays
      // "sending" and the next worker sends it again.
      await settle(req.providerId, call, null, null);
      throw e;
    }
    if (!(e instanceof ProviderFailure)) {
      await settle(req.providerId, call, null, null);
      await requeue(req, `unexpected error: ${(e as Error).message}`);
      throw e;
    }
    await settle(req.providerId, call, null, e.extra.headers ? remainingTokens(e.extra.headers) : null);
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

/** Retries a database write through a short outage (1 + 2 + 4 + 8 s) before giving up. */
async function persistently<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (e) {
      if (attempt >= 4) throw e;
      const reason = (e as Error).message.split("\n").find((l) => l.trim()) ?? "unknown error";
      console.warn(`recording an answer failed (${reason.trim()}); retrying`);
      await new Promise((r) => setTimeout(r, 1_000 * 2 ** attempt));
    }
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

