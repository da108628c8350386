import "server-only";
// A run's status follows its requests: it ends when none is waiting or in
// flight, and stops when its budget is spent.
import { db } from "@/lib/db/client";
import { removeKeys } from "./queues";

const OPEN = ["queued", "sending", "batched"] as const;

export async function finishRunIfDone(runId: number): Promise<void> {
  const open = await db().generationRequest.count({ where: { runId, status: { in: [...OPEN] } } });
  if (open > 0) return;
  const counts = await db().generationRequest.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
  const n = (s: string) => counts.find((c) => c.status === s)?._count._all ?? 0;
  const status = n("failed") === 0 ? "succeeded" : n("succeeded") === 0 ? "failed" : "partial";
  // Conditional: a paused or cancelled run keeps its status.
  await db().generationRun.updateMany({ where: { id: runId, status: "running" }, data: { status, finishedAt: new Date() } });
}

/** Stops a run whose spend reached its cap; what is in flight finishes and is recorded. */
export async function stopRunForBudget(runId: number): Promise<void> {
  const changed = await db().generationRun.updateMany({
    where: { id: runId, status: "running" },
    data: { status: "budget_stopped", message: "Stopped: the budget cap was reached. Raise the budget and resume to continue.", finishedAt: new Date() },
  });
  if (changed.count) await dequeueRun(runId);
}

/** Takes a run's waiting jobs out of its providers' queues (they stay "queued" in Postgres). */
export async function dequeueRun(runId: number): Promise<void> {
  const providers = await db().provider.findMany({ where: { requests: { some: { runId } } }, select: { id: true, model: true } });
  for (const p of providers) {
    const rows = await db().generationRequest.findMany({ where: { runId, providerId: p.id, status: "queued" }, select: { key: true } });
    await removeKeys(p, rows.map((r) => r.key));
  }
}
