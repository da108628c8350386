import "server-only";
// One BullMQ queue per provider + model. Jobs carry only the request key
// (also the job id, so a request is queued at most once). Requests/min are
// held by BullMQ's limiter, spread evenly over the minute; tokens/min by the
// Redis buckets in lib/llm/token-bucket.ts; 429s pause the whole queue for
// the provider's retry-after without spending an attempt.
import { Queue, Worker, type Job } from "bullmq";
import { config } from "@/lib/config";
import type { Provider } from "@/lib/db/client";
import { generationQueueName } from "@/lib/llm/providers";
import { newRedis, redis } from "@/lib/queue/connection";

/** Retries for 5xx / 529 / timeouts; 429s and fatal errors do not count. */
export const ATTEMPTS = 6;

const queues = new Map<string, Queue>();

export function generationQueue(p: Pick<Provider, "id" | "model">): Queue {
  const name = generationQueueName(p);
  let q = queues.get(name);
  if (!q) {
    q = new Queue(name, { connection: redis(), prefix: config().queuePrefix });
    queues.set(name, q);
  }
  return q;
}

export async function enqueueKeys(p: Pick<Provider, "id" | "model">, keys: string[]): Promise<void> {
  const q = generationQueue(p);
  for (let i = 0; i < keys.length; i += 1_000) {
    await q.addBulk(
      keys.slice(i, i + 1_000).map((key) => ({
        name: "request",
        data: { key },
        // Removed when done so "re-run failed" can queue the same key again;
        // Postgres, not Redis, remembers what happened.
        opts: { jobId: key, attempts: ATTEMPTS, backoff: { type: "jitter" }, removeOnComplete: true, removeOnFail: true },
      })),
    );
  }
}

/** Takes waiting jobs out (pause, cancel, budget stop); running ones finish and see the run's status. */
export async function removeKeys(p: Pick<Provider, "id" | "model">, keys: string[]): Promise<void> {
  const q = generationQueue(p);
  for (let i = 0; i < keys.length; i += 500) {
    await Promise.all(keys.slice(i, i + 500).map((k) => q.remove(k).catch(() => 0)));
  }
}

/** Evenly spread: 600/min becomes 10 every second, not a burst of 600. */
export function limiterFor(requestsPerMinute: number): { max: number; duration: number } {
  const max = Math.max(1, Math.ceil(requestsPerMinute / 60));
  return { max, duration: Math.round((60_000 * max) / requestsPerMinute) };
}

/** Exponential backoff with full jitter, capped at a minute. */
export function backoffMs(attemptsMade: number): number {
  return Math.round(Math.min(60_000, 1_000 * 2 ** attemptsMade) * (0.5 + Math.random() / 2));
}

export type RequestProcessor = (key: string, job: Job, queue: Queue) => Promise<void>;

export function startGenerationWorker(p: Provider, process: RequestProcessor): Worker {
  const queue = generationQueue(p);
  return new Worker(generationQueueName(p), (job) => process((job.data as { key: string }).key, job, queue), {
    connection: newRedis(),
    prefix: config().queuePrefix,
    concurrency: p.concurrency,
    limiter: limiterFor(p.requestsPerMinute),
    settings: { backoffStrategy: (attemptsMade: number) => backoffMs(attemptsMade) },
    // A worker killed mid-request leaves its jobs locked; after this long
    // (GENERATION_LOCK_MS, 30 s) another worker takes them (they are re-sent:
    // at most the in-flight ones).
    lockDuration: config().generationLockMs,
    stalledInterval: Math.round(config().generationLockMs / 2),
  });
}

export async function closeGenerationQueues(): Promise<void> {
  await Promise.all([...queues.values()].map((q) => q.close()));
  queues.clear();
}
