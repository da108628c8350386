// Before each test file: a database of its own, copied from the migrated
// template, and a config pointing at it; dropped when the file is done.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { tmpdir } from "node:os";
import { afterAll, inject } from "vitest";
import { createDatabase, dropDatabase } from "../../scripts/create-db";
import { resetConfig } from "@/lib/config";

const server = process.env.POSTGRES_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432";
const name = `obsidian_t_${inject("runId")}_${randomBytes(3).toString("hex")}`;
const url = `${server}/${name}`;
await createDatabase(url, inject("templateDb"));

process.env.DATABASE_URL = url;
process.env.DATA_DIR = path.join(tmpdir(), name);
process.env.QUEUE_PREFIX = name;
process.env.AUTH_RATE_LIMIT = "false";
process.env.AUTH_SECRET ??= "test-secret-test-secret-test-secret-00";
(process.env as Record<string, string>).NODE_ENV = "test";
resetConfig();

afterAll(async () => {
  const { disconnectDb } = await import("@/lib/db/client");
  await disconnectDb();
  await dropDatabase(url);
});
