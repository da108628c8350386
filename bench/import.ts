// B1: import 80,000 figure records with images through runImport (parse,
// hash, store, batched inserts; no thumbnail hook) and compare rows/s with a
// PostgreSQL COPY of the same rows into the same table, in the same run.
//   npm run bench:import [-- --figures 5000]
import path from "node:path";
import { parseArgs } from "node:util";
import { db, type Db } from "@/lib/db/client";
import { runImport } from "@/lib/imports/run";
import { benchEnv } from "./lib/env";
import { importInput } from "./lib/import-input";
import { machine, utcDate } from "./lib/machine";
import { copyFrom, psql } from "./lib/pg";
import { makeProject } from "./lib/project";
import { fmt, now, table } from "./lib/stats";

const GOAL = 0.3; // × COPY
const COLUMNS = ["project_id", "article_id", "custom_id", "fig_label", "caption", "mentions", "page",
  "image_hash", "image_name", "image_missing", "width", "height", "synthetic"];

const { values } = parseArgs({ options: { figures: { type: "string", default: "80000" } } });
const n = Number(values.figures);
if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error("--figures must be a whole number from 1 to 1,000,000");

let t = now();
const input = importInput(n);
console.log(`input ${path.relative(process.cwd(), input.dir)}: ${input.made ? `generated in ${fmt((now() - t) / 1000, 1)} s` : "cached"}`);

const env = await benchEnv("import");
try {
  const projectA = await makeProject("bench-import", "Bench import");
  const projectB = await makeProject("bench-copy", "Bench COPY baseline");

  // A: the real import path, timed end to end; DB calls timed through a proxy.
  const imp = await db().import.create({
    data: { projectId: projectA, status: "queued", source: input.dir, fileName: path.basename(input.dir) },
  });
  psql(env.url, "CHECKPOINT");
  const spent = { insert: 0, progress: 0 };
  let parsedAt = 0;
  let progressBeforeParsed = 0;
  const importStart = now();
  const tally = await runImport(timedDb(db(), spent), imp.id, {
    onProgress: () => {
      if (parsedAt) return;
      parsedAt = now();
      progressBeforeParsed = spent.progress;
    },
  });
  const importS = (now() - importStart) / 1000;
  const row = await db().import.findUniqueOrThrow({ where: { id: imp.id } });
  if (row.status !== "succeeded" || tally.imported !== n) {
    throw new Error(`import ended ${row.status} with ${tally.imported}/${n} imported: ${row.message}`);
  }

  // B: COPY of the same rows (article ids mapped to project B's articles, made untimed).
  const file = path.join(env.dataDir, "figures.copy");
  psql(
    env.url,
    `INSERT INTO article (project_id, handle, journal, title, doi, pmcid, year)
     SELECT ${projectB}, handle, journal, title, doi, pmcid, year FROM article WHERE project_id = ${projectA} ORDER BY id`,
    `\\copy (SELECT ${projectB}, b.id, ${COLUMNS.slice(2).map((c) => `f.${c}`).join(", ")} FROM figure f JOIN article a ON a.id = f.article_id JOIN article b ON b.project_id = ${projectB} AND b.handle = a.handle WHERE f.project_id = ${projectA} ORDER BY f.id) TO '${file}'`,
    "CHECKPOINT",
  );
  t = now();
  copyFrom(env.url, "figure", COLUMNS, file);
  const copyS = (now() - t) / 1000;
  const copied = Number(psql(env.url, `SELECT count(*) FROM figure WHERE project_id = ${projectB}`));
  if (copied !== n) throw new Error(`COPY wrote ${copied} rows, expected ${n}`);

  const importRate = n / importS;
  const copyRate = n / copyS;
  const ratio = importRate / copyRate;
  const parseS = (parsedAt - importStart) / 1000;
  const insertS = spent.insert / 1000;
  const progressS = (spent.progress - progressBeforeParsed) / 1000;
  const imagesS = importS - parseS - insertS - progressS;

  console.log(`\nB1 import, ${fmt(n)} figures — ${utcDate()}\n${machine()}\n`);
  console.log(table(["path", "seconds", "rows/s"], [
    ["A: runImport (parse, hash + store images, insertBatch)", fmt(importS, 2), fmt(importRate)],
    ["B: COPY figure FROM STDIN (psql \\copy, same rows)", fmt(copyS, 2), fmt(copyRate)],
  ]));
  console.log(`\nratio A/B = ${fmt(ratio, 3)}× COPY (goal ≥ ${GOAL}×: ${ratio >= GOAL ? "met" : "missed"})\n`);
  console.log(table(["runImport phase", "seconds", "share"], [
    ["list files + read + parse records", fmt(parseS, 2), pct(parseS, importS)],
    ["check + hash + store images (8 at a time)", fmt(imagesS, 2), pct(imagesS, importS)],
    ["insertBatch (article upsert + figure insert)", fmt(insertS, 2), pct(insertS, importS)],
    ["progress updates (import row)", fmt(progressS, 2), pct(progressS, importS)],
  ]));
} finally {
  await env.cleanup();
}

function pct(part: number, whole: number) {
  return `${fmt((100 * part) / whole)} %`;
}

/** The same client, with the time spent in raw SQL (insertBatch) and in import-row updates added up. */
function timedDb(client: Db, spent: { insert: number; progress: number }): Db {
  const timed =
    <A extends unknown[], R>(fn: (...a: A) => PromiseLike<R>, key: keyof typeof spent) =>
    async (...a: A): Promise<R> => {
      const start = now();
      try {
        return await fn(...a);
      } finally {
        spent[key] += now() - start;
      }
    };
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop);
      if (prop === "$queryRawUnsafe") return timed(target.$queryRawUnsafe.bind(target), "insert");
      if (prop === "import") {
        return new Proxy(target.import, {
          get(model, p) {
            const f: unknown = Reflect.get(model, p);
            return typeof f === "function" ? timed((f as (...a: unknown[]) => PromiseLike<unknown>).bind(model), "progress") : f;
          },
        });
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
