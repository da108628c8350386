// B1: import 80,000 figure records with images through runImport (parse,
// hash, store, batched inserts; no thumbnail hook) and compare rows/s with a
// PostgreSQL COPY of the same rows into the same table, in the same run.
//   npm run bench:import [-- --figures 5000]
import { execFileSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { db } from "@/lib/db/client";
import { runImport } from "@/lib/imports/run";
import { cpuMeter, waitForQuiet } from "./lib/cpu";
import { benchEnv } from "./lib/env";
import { prepareCopy, timedDb } from "./lib/import-bench";
import { importInput } from "./lib/import-input";
import { machine, utcDate } from "./lib/machine";
import { psql } from "./lib/pg";
import { makeProject } from "./lib/project";
import { fmt, now, table } from "./lib/stats";

const GOAL = 0.3; // × COPY

const { values } = parseArgs({ options: { figures: { type: "string", default: "80000" } } });
const n = Number(values.figures);
if (!Number.isInteger(n) || n < 1 || n > 1_000_000) throw new Error("--figures must be a whole number from 1 to 1,000,000");

const t = now();
const input = importInput(n);
console.log(`input ${path.relative(process.cwd(), input.dir)}: ${input.made ? `generated in ${fmt((now() - t) / 1000, 1)} s` : "cached"}`);

const env = await benchEnv("import");
try {
  const projectA = await makeProject("bench-import", "Bench import");
  const projectB = await makeProject("bench-copy", "Bench COPY baseline");

  // A: the real import path, timed end to end; its DB calls timed through a proxy.
  const imp = await db().import.create({
    data: { projectId: projectA, status: "queued", source: input.dir, fileName: path.basename(input.dir) },
  });
  psql(env.url, "CHECKPOINT");
  execFileSync("sync"); // earlier writes (the generated input, other runs) are not written back during the timing
  await waitForQuiet();
  const cpu = cpuMeter();
  const spent = { insert: 0, progress: 0 };
  let parsedAt = 0;
  let progressWhileParsing = 0;
  const start = now();
  const tally = await runImport(timedDb(db(), spent), imp.id, {
    onProgress: () => {
      if (parsedAt) return;
      parsedAt = now(); // the first progress report comes right after parsing
      progressWhileParsing = spent.progress;
    },
  });
  const importS = (now() - start) / 1000;
  const cpuA = cpu();
  const row = await db().import.findUniqueOrThrow({ where: { id: imp.id } });
  if (row.status !== "succeeded" || tally.imported !== n) {
    throw new Error(`import ended ${row.status} with ${tally.imported}/${n} imported: ${row.message}`);
  }

  // B: COPY of the same rows into project B (its articles made untimed).
  const copy = prepareCopy(env.url, projectA, projectB, path.join(env.dataDir, "figures.copy"));
  execFileSync("sync");
  await waitForQuiet();
  const copyS = copy.copy();
  const copied = Number(psql(env.url, `SELECT count(*) FROM figure WHERE project_id = ${projectB}`));
  if (copied !== n) throw new Error(`COPY wrote ${copied} rows, expected ${n}`);

  const ratio = copyS / importS; // (n / importS) / (n / copyS)
  const parseS = (parsedAt - start) / 1000;
  const insertS = spent.insert / 1000;
  const progressS = (spent.progress - progressWhileParsing) / 1000;
  // runImport checks batch k+1's images while batch k is inserted: what is left is waiting for image checks.
  const imagesS = importS - parseS - insertS - progressS;
  const pct = (s: number) => `${fmt((100 * s) / importS)} %`;

  console.log(`\nB1 import, ${fmt(n)} figures: ${utcDate()}\n${machine()}\n`);
  console.log(table(["path", "seconds", "rows/s"], [
    ["A: runImport (parse, hash + store images, insertBatch)", fmt(importS, 2), fmt(n / importS)],
    ["B: COPY figure (…) FROM STDIN (psql \\copy, same rows)", fmt(copyS, 2), fmt(n / copyS)],
  ]));
  console.log(`\nratio A/B = ${fmt(ratio, 3)}× COPY (goal ≥ ${GOAL}×: ${ratio >= GOAL ? "met" : "missed"})\n`);
  console.log(table(["runImport phase", "seconds", "share"], [
    ["list files + read + parse records", fmt(parseS, 2), pct(parseS)],
    ["waiting for image checks (8 at a time; the part not hidden behind inserts)", fmt(imagesS, 2), pct(imagesS)],
    ["insertBatch (article upsert + figure insert; the next batch's images are checked meanwhile)", fmt(insertS, 2), pct(insertS)],
    ["progress updates (import row)", fmt(progressS, 2), pct(progressS)],
  ]));
  console.log(`\nCPU seconds during A (${fmt(2 * importS, 1)} available on 2 cores): this process ${fmt(cpuA.bench, 1)} ` +
    `(of which kernel ${fmt(cpuA.benchKernel, 1)}: file system calls), PostgreSQL ${fmt(cpuA.postgres, 1)}, other processes ${fmt(cpuA.other, 1)}`);
} finally {
  await env.cleanup();
}
