import { Redis } from "ioredis";
import { config } from "@/lib/config";

let shared: Redis | undefined;

/** Shared connection for queues (producers). Workers get their own (BullMQ blocks on it). */
export function redis(): Redis {
  shared ??= new Redis(config().redisUrl, { maxRetriesPerRequest: null });
  return shared;
}

export function newRedis(): Redis {
  return new Redis(config().redisUrl, { maxRetriesPerRequest: null });
}

export async function closeRedis(): Promise<void> {
  await shared?.quit();
  shared = undefined;
}
