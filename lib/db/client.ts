// One Prisma client per process, over node-postgres (no native query engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { config } from "@/lib/config";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

const g = globalThis as unknown as { __prisma?: PrismaClient };

/** node-postgres settings of the app's connections (also for tools that must plan queries as the app does). */
export function poolConfig() {
  return {
    connectionString: config().databaseUrl,
    max: 10,
    // PostgreSQL's default random_page_cost (4) prices a random read as a spinning disk's; our
    // tables sit in memory or on SSD. At 4 the library's "journal + caption word" page walked
    // the primary key testing ILIKE on ~15,000 rows (37–49 ms) instead of using the journal
    // index (8–13 ms) (B2 in docs/benchmarks.md). 1.1 is the usual SSD setting.
    options: "-c random_page_cost=1.1",
  };
}

export function db(): PrismaClient {
  if (!g.__prisma) {
    const adapter = new PrismaPg(poolConfig());
    g.__prisma = new PrismaClient({ adapter });
  }
  return g.__prisma;
}

export async function disconnectDb(): Promise<void> {
  await g.__prisma?.$disconnect();
  g.__prisma = undefined;
}

export * from "./generated/client";
