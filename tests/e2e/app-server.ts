// Starts the real app for end-to-end tests: a fresh database (migrated and
// seeded with the demo data), `next start` on its own port, and the workers.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startFakeProvider } from "@/lib/llm/fake-provider";
import { createDatabase, dropDatabase } from "../../scripts/create-db";
import { migrate } from "../../scripts/migrate";
import { webEnv } from "../../scripts/web-env.mjs";

const PORT = 3100 + Math.floor(Math.random() * 500);

async function waitForHttp(url: string, ms = 90_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${ms / 1000}s`);
}

/** The API key the e2e admin enters for the fake provider; it must never reach a browser. */
export const E2E_PROVIDER_KEY = "sk-e2e-8d1f0c7a-never-in-the-browser";

export default async function setup({ provide }: { provide: (k: "baseUrl" | "fakeOpenAIUrl", v: string) => void }) {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Run `npx next build` before the end-to-end tests (npm test does).");
  const name = `obsidian_e2e_${randomBytes(4).toString("hex")}`;
  const server = process.env.POSTGRES_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432";
  const url = `${server}/${name}`;
  await createDatabase(url);
  migrate(url);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: url,
    DATA_DIR: path.join(tmpdir(), name),
    QUEUE_PREFIX: name,
    AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-e2e-secret-e2e-secret-0000",
    APP_URL: `http://localhost:${PORT}`,
    NODE_ENV: "production" as const,
    AUTH_RATE_LIMIT: "false",
    NEXT_TELEMETRY_DISABLED: "1",
    PROVIDER_KEY_SECRET: "e2e-provider-key-secret-e2e-provider-key-secret",
  };
  // A fake OpenAI for the generation test (a real HTTP server; never the product's default).
  const fake = await startFakeProvider({ apiKey: E2E_PROVIDER_KEY, latencyMs: 200 });
  await run("npx", ["tsx", "--conditions=react-server", "scripts/seed.ts"], env);
  const procs: ChildProcess[] = [
    spawn("npx", ["next", "start", "-p", String(PORT)], { env: webEnv(env), stdio: ["ignore", "ignore", "inherit"], detached: true }),
    spawn("npx", ["tsx", "--conditions=react-server", "workers/index.ts"], { env, stdio: ["ignore", "ignore", "inherit"], detached: true }),
  ];
  await waitForHttp(`http://localhost:${PORT}/sign-in`);
  provide("baseUrl", `http://localhost:${PORT}`);
  provide("fakeOpenAIUrl", fake.openaiBaseURL);
  return async () => {
    await fake.close();
    for (const p of procs) if (p.pid) process.kill(-p.pid, "SIGTERM");
    await new Promise((r) => setTimeout(r, 1_500));
    await dropDatabase(url);
  };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const p = spawn(cmd, args, { env, stdio: ["ignore", "ignore", "inherit"] });
    p.on("exit", (c) => (c === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")} exited with ${c}`))));
  });
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    fakeOpenAIUrl: string;
  }
}
