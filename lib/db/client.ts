// One Prisma client per process, over node-postgres (no native query engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { config } from "@/lib/config";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;

const g = globalThis as unknown as { __prisma?: PrismaClient };

export function db(): PrismaClient {
  if (!g.__prisma) {
    const adapter = new PrismaPg({ connectionString: config().databaseUrl, max: 10 });
    g.__prisma = new PrismaClient({ adapter });
  }
  return g.__prisma;
}

export async function disconnectDb(): Promise<void> {
  await g.__prisma?.$disconnect();
  g.__prisma = undefined;
}

export * from "./generated/client";
