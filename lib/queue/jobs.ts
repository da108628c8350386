// Typed job definitions: a queue name, a zod payload, a retry policy, and the
// handler in lib/. Payloads carry ids, never images or prompts.
import { Queue, Worker, type Job, type JobsOptions } from "bullmq";
import { z } from "zod";
import { config } from "@/lib/config";
import { newRedis, redis } from "./connection";

export type JobDef<P> = {
  queue: string;
  payload: z.ZodType<P>;
  options: JobsOptions;
  /** A stable id per logical job: enqueueing the same work twice is a no-op. */
  jobId: (p: P) => string;
  handler: (p: P, job: Job) => Promise<unknown>;
  concurrency: number;
};

export function defineJob<P>(def: JobDef<P>): JobDef<P> {
  return def;
}

const queues = new Map<string, Queue>();

function queue(name: string): Queue {
  let q = queues.get(name);
  if (!q) {
    q = new Queue(name, { connection: redis(), prefix: config().queuePrefix });
    queues.set(name, q);
  }
  return q;
}

export async function enqueue<P>(def: JobDef<P>, payload: P): Promise<void> {
  const p = def.payload.parse(payload);
  await queue(def.queue).add(def.queue, p, { ...def.options, jobId: def.jobId(p) });
}

export function startWorker<P>(def: JobDef<P>): Worker {
  return new Worker(def.queue, async (job) => def.handler(def.payload.parse(job.data), job), {
    connection: newRedis(),
    prefix: config().queuePrefix,
    concurrency: def.concurrency,
  });
}

/** Runs the job every `everyMs` (one BullMQ job scheduler per queue; re-registering replaces it). */
export async function schedule<P>(def: JobDef<P>, everyMs: number, payload: P): Promise<void> {
  await queue(def.queue).upsertJobScheduler(def.queue, { every: everyMs }, { name: def.queue, data: def.payload.parse(payload), opts: def.options });
}

export async function closeQueues(): Promise<void> {
  await Promise.all([...queues.values()].map((q) => q.close()));
  queues.clear();
}

/** How many jobs of this kind are waiting or running (tests and the seed wait on it). */
export async function pending<P>(def: JobDef<P>): Promise<number> {
  const c = await queue(def.queue).getJobCounts("waiting", "active", "delayed", "prioritized");
  return Object.values(c).reduce((a, b) => a + b, 0);
}
