// A fresh, migrated database (obsidian_bench_*) and a DATA_DIR under /tmp for
// one benchmark run, wired into process.env before anything reads config();
// dropped again by cleanup(), also on Ctrl-C or SIGTERM.
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { resetConfig } from "@/lib/config";
import { disconnectDb } from "@/lib/db/client";
import { createDatabase, dropDatabase } from "../../scripts/create-db";
import { migrate } from "../../scripts/migrate";

export type BenchEnv = { name: string; url: string; dataDir: string; cleanup: () => Promise<void> };

export async function benchEnv(kind: string): Promise<BenchEnv> {
  const name = `obsidian_bench_${kind}_${randomBytes(3).toString("hex")}`;
  const server = process.env.POSTGRES_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432";
  const url = `${server}/${name}`;
  const dataDir = path.join(tmpdir(), name);
  await createDatabase(url);
  migrate(url);
  await fs.mkdir(dataDir, { recursive: true });
  Object.assign(process.env, {
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    QUEUE_PREFIX: name,
    AUTH_SECRET: "bench-secret-bench-secret-bench-secret-00",
  });
  resetConfig();
  let done = false;
  const cleanup = async () => {
    if (done) return;
    done = true;
    await disconnectDb();
    await dropDatabase(url);
    await fs.rm(dataDir, { recursive: true, force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  return { name, url, dataDir, cleanup };
}
