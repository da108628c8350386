// The workers process: every BullMQ worker of the app. Thin on purpose; the
// work itself lives in lib/.
import { closeQueues, startWorker } from "@/lib/queue/jobs";
import { closeRedis } from "@/lib/queue/connection";
import { disconnectDb } from "@/lib/db/client";
import { featuresJob, filterModelJob, pcaJob } from "@/lib/analysis/jobs";
import { importJob, reconcileImports, thumbnailJob } from "@/lib/imports/jobs";

const SHUTDOWN_DEADLINE_MS = 30_000;

const workers = [startWorker(importJob), startWorker(thumbnailJob), startWorker(featuresJob), startWorker(pcaJob), startWorker(filterModelJob)];
for (const w of workers) w.on("failed", (job, err) => console.error(`[${w.name}] job ${job?.id} failed: ${err.message}`));
console.log(`workers ready: ${workers.map((w) => w.name).join(", ")}`);
const requeued = await reconcileImports();
if (requeued) console.log(`re-queued ${requeued} import(s) that Postgres lists as queued or running`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing running jobs (at most ${SHUTDOWN_DEADLINE_MS / 1000}s)…`);
  // A job cut off by the deadline is picked up again by the next worker; imports are safe to re-run.
  const timer = setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS);
  await Promise.all(workers.map((w) => w.close()));
  await closeQueues();
  await closeRedis();
  await disconnectDb();
  clearTimeout(timer);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
