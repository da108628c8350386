// Once per test run: a template database with every migration applied. Each
// test file then gets a fresh copy (tests/helpers/fresh-database.ts), which
// is much faster than migrating per file.
import { randomBytes } from "node:crypto";
import { createDatabase, dropDatabase } from "../../scripts/create-db";
import { migrate } from "../../scripts/migrate";

export function serverUrl(): string {
  return process.env.POSTGRES_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432";
}

export default async function setup({ provide }: { provide: (k: string, v: string) => void }) {
  const run = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const template = `obsidian_tmpl_${run}`;
  const url = `${serverUrl()}/${template}`;
  await createDatabase(url);
  migrate(url);
  provide("templateDb", template);
  provide("runId", run);
  return async () => {
    await dropDatabase(url);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    templateDb: string;
    runId: string;
  }
}
