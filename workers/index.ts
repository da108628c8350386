// The workers process: every BullMQ worker of the app. Thin on purpose; the
// work itself lives in lib/.
import { config } from "@/lib/config";
import { closeQueues, schedule, startWorker } from "@/lib/queue/jobs";
import { closeRedis } from "@/lib/queue/connection";
import { disconnectDb } from "@/lib/db/client";
import { featuresJob, filterModelJob, pcaJob } from "@/lib/analysis/jobs";
import { importJob, reconcileImports, thumbnailJob, uploadSweepJob } from "@/lib/imports/jobs";
import { closeGenerationQueues } from "@/lib/generation/queues";
import { GenerationWorkers } from "@/lib/generation/worker-pool";

const deadlineMs = config().shutdownDeadlineMs;

const workers = [
  startWorker(importJob),
  startWorker(thumbnailJob),
  startWorker(uploadSweepJob),
  startWorker(featuresJob),
  startWorker(pcaJob),
  startWorker(filterModelJob),
];
for (const w of workers) w.on("failed", (job, err) => console.error(`[${w.name}] job ${job?.id} failed: ${err.message}`));
console.log(`workers ready: ${workers.map((w) => w.name).join(", ")}`);
await schedule(uploadSweepJob, 3_600_000, {});
const requeued = await reconcileImports();
if (requeued) console.log(`re-queued ${requeued} import(s) that Postgres lists as queued or running`);
const generation = new GenerationWorkers();
const requests = await generation.start();
console.log(`generation workers: ${generation.names.join(", ") || "none (no provider configured yet)"}`);
if (requests) console.log(`re-queued ${requests} generation request(s) of running runs`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing running jobs (at most ${deadlineMs / 1000}s)…`);
  // A job cut off by the deadline is picked up again by the next worker:
  // imports are safe to re-run, and a generation request cut off mid-flight
  // is re-sent (Postgres marked it "sending" before the call).
  const timer = setTimeout(() => process.exit(1), deadlineMs + 5_000);
  await Promise.all([...workers.map((w) => w.close()), generation.close(deadlineMs)]);
  await closeQueues();
  await closeGenerationQueues();
  await closeRedis();
  await disconnectDb();
  clearTimeout(timer);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
