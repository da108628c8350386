import "server-only";
// The batch-mode queue: one repeating "tick" (every BATCH_POLL_MS) and an
// immediate one whenever a batch-mode run starts or resumes.
import { Queue, Worker } from "bullmq";
import { config } from "@/lib/config";
import { newRedis, redis } from "@/lib/queue/connection";
import { batchTick } from "./batch-run";

const NAME = "generation-batches";
let queue: Queue | undefined;
const q = () => (queue ??= new Queue(NAME, { connection: redis(), prefix: config().queuePrefix }));

export async function enqueueBatchRun(): Promise<void> {
  // One pending tick is enough: it handles every run.
  await q().add("tick", {}, { jobId: "tick-now", removeOnComplete: true, removeOnFail: true });
}

export async function startBatchWorker(): Promise<Worker> {
  await q().upsertJobScheduler("batch-poll", { every: config().batch.pollMs }, { name: "tick", data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } });
  const w = new Worker(NAME, () => batchTick(), { connection: newRedis(), prefix: config().queuePrefix, concurrency: 1 });
  w.on("failed", (_job, err) => console.error(`[batches] tick failed: ${err.message}`));
  // Unfinished batches are reconciled as soon as a worker starts, not a poll interval later.
  await enqueueBatchRun();
  return w;
}

export async function closeBatchQueue(): Promise<void> {
  await queue?.close();
  queue = undefined;
}
