// Applies prisma/migrations/*.sql with dbmate (its binary ships in its npm
// package; Prisma Migrate's engine would need a download), then brings the
// image store's folder layout up to date. `dbmate up` creates the database
// if it is missing.
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";

export function migrate(databaseUrl: string): void {
  const require = createRequire(import.meta.url);
  const bin = require.resolve("dbmate/package.json").replace(/package\.json$/, "");
  const url = new URL(databaseUrl);
  if (!url.searchParams.has("sslmode")) url.searchParams.set("sslmode", "disable");
  execFileSync(
    process.execPath,
    [`${bin}dist/cli.js`, "--url", url.toString(), "--migrations-dir", "prisma/migrations", "--no-dump-schema", "--wait", "up"],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("Set DATABASE_URL (postgres://user@host:5432/db) to migrate.");
    process.exit(2);
  }
  migrate(url);
  // The image store's layout changes with the code too (see store-layout.ts).
  const { config } = await import("@/lib/config");
  const { flattenStoreLayout } = await import("@/lib/storage/store-layout");
  const moved = await flattenStoreLayout(config().imageStoreDir);
  if (moved) console.log(`Image store: moved ${moved} files to the one-level layout.`);
}
