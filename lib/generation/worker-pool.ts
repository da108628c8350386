import "server-only";
// The generation workers of one process: one BullMQ worker per enabled
// provider (its queue, concurrency and limiter), kept in step with the
// provider table so an admin's change takes effect without a restart.
import { Worker, type Job, type Queue } from "bullmq";
import { db, type Provider } from "@/lib/db/client";
import { closeBatchQueue, startBatchWorker } from "./batch-jobs";
import { ATTEMPTS, startGenerationWorker } from "./queues";
import { sendRequest } from "./send-request";
import { reconcileRuns } from "./reconcile";

type Running = { worker: Worker; version: number };

async function processRequest(key: string, job: Job, queue: Queue, signal: AbortSignal): Promise<void> {
  const outcome = await sendRequest(key, { lastAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? ATTEMPTS), signal });
  if (outcome.type === "rate_limited") {
    // Pause the whole queue (every worker of this provider) and put the job
    // back without spending an attempt.
    await queue.rateLimit(outcome.ms);
    throw Worker.RateLimitError();
  }
  if (outcome.type === "retry") throw new Error(outcome.message);
}

export class GenerationWorkers {
  private running = new Map<number, Running>();
  private timer: NodeJS.Timeout | null = null;
  private batches: Worker | null = null;
  /** Aborts in-flight provider calls when the shutdown deadline passes. */
  private deadline = new AbortController();

  /** Starts a worker per enabled provider and the batch poller, and re-queues what Postgres says is unfinished. */
  async start(syncEveryMs = 5_000): Promise<number> {
    await this.sync();
    this.batches = await startBatchWorker();
    const requeued = await reconcileRuns();
    this.timer = setInterval(() => void this.sync().catch((e: Error) => console.error(`generation workers: ${e.message}`)), syncEveryMs);
    return requeued;
  }

  async sync(): Promise<void> {
    const providers = await db().provider.findMany({ where: { enabled: true } });
    const wanted = new Map(providers.map((p) => [p.id, p]));
    for (const [id, r] of this.running) {
      const p = wanted.get(id);
      if (!p || p.updatedAt.getTime() !== r.version) {
        this.running.delete(id);
        await r.worker.close();
      }
    }
    for (const p of providers) if (!this.running.has(p.id)) this.launch(p);
  }

  private launch(p: Provider) {
    const worker = startGenerationWorker(p, (key, job, queue) => processRequest(key, job, queue, this.deadline.signal));
    worker.on("failed", (job, err) => {
      if (err.message !== "bullmq:rateLimitExceeded") console.error(`[${p.name}] request ${job?.id} failed: ${err.message}`);
    });
    this.running.set(p.id, { worker, version: p.updatedAt.getTime() });
  }

  get names(): string[] {
    return [...this.running.values()].map((r) => r.worker.name);
  }

  /** Lets in-flight requests finish until the deadline; what is cut off is re-sent after restart. */
  async close(deadlineMs: number): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    const all = [...this.running.values()].map((r) => r.worker);
    if (this.batches) all.push(this.batches);
    this.running.clear();
    this.batches = null;
    // Past the deadline, in-flight calls are aborted; their requests stay
    // "sending" in Postgres and are sent again after restart.
    const timer = setTimeout(() => this.deadline.abort(), deadlineMs);
    await Promise.all(all.map((w) => w.close()));
    clearTimeout(timer);
    await closeBatchQueue();
  }
}
