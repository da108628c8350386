// Creates or drops the database named in a postgres URL, through a
// connection to the server's `postgres` database.
import pg from "pg";

async function onServer<T>(url: string, fn: (client: pg.Client, quotedName: string) => Promise<T>): Promise<T> {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.slice(1));
  u.pathname = "/postgres";
  const client = new pg.Client({ connectionString: u.toString() });
  await client.connect();
  try {
    return await fn(client, `"${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export function createDatabase(url: string, template?: string): Promise<void> {
  return onServer(url, async (client, quoted) => {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoted}${template ? ` TEMPLATE "${template}"` : ""}`);
  });
}

export function dropDatabase(url: string): Promise<void> {
  return onServer(url, async (client, quoted) => void (await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await createDatabase(process.argv[2] ?? process.env.DATABASE_URL ?? "");
}
