// The SQL the figure library really sends (captured from Prisma's query log
// while lib/figures/library.ts runs in this process), and its EXPLAIN ANALYZE.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { poolConfig } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/client";

type Query = { sql: string; params: unknown[]; ms: number };

/** Runs `fn` with db() swapped for a client that records every query. */
export async function captureQueries(fn: () => Promise<unknown>): Promise<Query[]> {
  const g = globalThis as unknown as { __prisma?: unknown };
  const client = new PrismaClient({
    adapter: new PrismaPg({ ...poolConfig(), max: 2 }),
    log: [{ emit: "event", level: "query" }],
  });
  const queries: Query[] = [];
  client.$on("query", (e) => queries.push({ sql: e.query, params: JSON.parse(e.params) as unknown[], ms: e.duration }));
  const saved = g.__prisma;
  g.__prisma = client;
  try {
    await fn();
  } finally {
    g.__prisma = saved;
    await client.$disconnect();
  }
  return queries;
}

export async function explainAnalyze(q: Query): Promise<string> {
  const c = new pg.Client(poolConfig()); // the app's settings, so the plan is the app's
  await c.connect();
  try {
    const { rows } = await c.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  } finally {
    await c.end();
  }
}
