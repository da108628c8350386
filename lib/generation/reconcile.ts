import "server-only";
// Postgres holds every request; the queues are (re)filled from it. When a run
// starts, resumes or re-runs failures, and whenever a worker process starts
// (Redis may have lost its queues), each running run's unfinished requests
// are queued. The job id is the request key, so requests still in Redis are
// not doubled; requests left "sending" by a killed worker are sent again:
// the only requests that can be paid twice.
import { db } from "@/lib/db/client";
import { enqueueBatchRun } from "./batch-jobs";
import { enqueueKeys } from "./queues";

export async function queueRun(runId: number): Promise<number> {
  const run = await db().generationRun.findUniqueOrThrow({ where: { id: runId }, select: { mode: true } });
  if (run.mode === "batch") {
    await enqueueBatchRun();
    return 0;
  }
  let n = 0;
  const providers = await db().provider.findMany({ where: { requests: { some: { runId } } }, select: { id: true, model: true } });
  for (const p of providers) {
    const rows = await db().generationRequest.findMany({ where: { runId, providerId: p.id, status: { in: ["queued", "sending"] } }, select: { key: true } });
    await enqueueKeys(p, rows.map((r) => r.key));
    n += rows.length;
  }
  return n;
}

export async function reconcileRuns(): Promise<number> {
  const runs = await db().generationRun.findMany({ where: { status: "running" }, select: { id: true } });
  let n = 0;
  for (const run of runs) n += await queueRun(run.id);
  return n;
}
