// The README's two commands:
//   npm run demo  → install, find/start PostgreSQL + Redis, migrate, build,
//                   seed demo data, start web + workers, print URL and logins
//   npm test      → install, find/start services, then every test suite
// Plain JavaScript so it runs on a fresh clone before `npm ci`.
import { execSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { ensurePostgres, ensureRedis, fail } from "./services.mjs";
import { webEnv } from "./web-env.mjs";

const mode = process.argv[2];
if (mode !== "demo" && mode !== "test") fail("usage: node scripts/run.mjs demo|test");

const sh = (cmd, env = {}) => execSync(cmd, { stdio: "inherit", env: { ...process.env, ...env } });

function ensureInstalled() {
  const stamp = "node_modules/.package-lock.json";
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync("package-lock.json").mtimeMs) return;
  console.log("▸ Installing dependencies (npm ci)…");
  sh("npm ci --no-audit --no-fund");
}

function generateClient() {
  // Prisma's schema engine is a download we cannot make; generate never runs it.
  sh("npx prisma generate", { PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false", PRISMA_HIDE_UPDATE_MESSAGE: "1" });
}

function authSecret() {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = ".data/auth-secret";
  mkdirSync(".data", { recursive: true });
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  return readFileSync(file, "utf8").trim();
}

// Scripts and workers run under the react-server condition, like Next.js
// server code, so modules marked `import "server-only"` load there too.
ensureInstalled();
const pg = await ensurePostgres();
const redis = await ensureRedis();
console.log(`▸ PostgreSQL: ${pg.how}\n▸ Redis: ${redis.how}`);
generateClient();

const stops = [pg.stop, redis.stop].filter(Boolean);
const cleanup = async () => {
  for (const s of stops) await s();
};

if (mode === "test") {
  const env = { POSTGRES_SERVER_URL: pg.server, REDIS_URL: redis.url, AUTH_SECRET: "test-secret-test-secret-test-secret-00" };
  let code = 0;
  try {
    sh("npx tsc --noEmit -p .");
    sh("npx eslint . --max-warnings=0");
    sh("npx vitest run", env);
    sh("npx next build", { ...env, NEXT_TELEMETRY_DISABLED: "1" });
    sh("npx vitest run --config vitest.e2e.config.ts", env);
  } catch (e) {
    code = e.status ?? 1;
  }
  await cleanup();
  process.exit(code);
}

// demo
const dbName = pg.database ?? "obsidian";
const databaseUrl = `${pg.server}/${dbName}`;
const port = Number(process.env.PORT ?? 3000);
// `npm run demo -- --fake-provider`: also start the fake LLM provider (synthetic
// answers, occasional 5xx and 429) and register it, to demo generation offline.
const withFake = process.argv.includes("--fake-provider");
const fakePort = Number(process.env.FAKE_PROVIDER_PORT ?? 8790);
const env = {
  ...(withFake ? { DEMO_FAKE_PROVIDER_URL: `http://127.0.0.1:${fakePort}`, DEMO_FAKE_PROVIDER_KEY: "demo-fake-key" } : {}),
  DATABASE_URL: databaseUrl,
  REDIS_URL: redis.url,
  AUTH_SECRET: authSecret(),
  APP_URL: process.env.APP_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: "1",
};
sh(`npx tsx --conditions=react-server scripts/create-db.ts ${JSON.stringify(databaseUrl)}`, env);
sh(`npx tsx --conditions=react-server scripts/migrate.ts`, env);
console.log("▸ Building the web app…");
sh("npx next build", env);
sh("npx tsx --conditions=react-server scripts/seed.ts", env);
// Each in its own process group, so stopping reaches npx's children too.
const start = (args, withEnv = (e) => e) =>
  spawn("npx", args, { stdio: "inherit", detached: true, env: withEnv({ ...process.env, ...env, NODE_ENV: "production" }) });
const procs = [start(["next", "start", "-p", String(port)], webEnv), start(["tsx", "--conditions=react-server", "workers/index.ts"])];
if (withFake) {
  const faults = ["--fault", "server_error=0.03", "--fault", "rate_limit=0.02", "--fault", "refusal=0.01"];
  procs.push(start(["tsx", "scripts/fake-provider.ts", "--port", String(fakePort), "--api-key", "demo-fake-key", "--latency-ms", "1500", "--jitter-ms", "1000", ...faults]));
}
console.log(`\n✔ Obsidian Studio is starting on ${env.APP_URL} (Ctrl-C stops it). Logins are printed above.\n`);
const stop = async () => {
  for (const p of procs) {
    try {
      process.kill(-p.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  await cleanup();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const p of procs) p.on("exit", (c) => c && c !== 0 && console.error(`a process exited with ${c}`));
