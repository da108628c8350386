// B1, diagnosis: the import with the changes bench/import.ts points to (see
// bench/lib/import-variant.ts), each measured against runImport itself and
// against COPY in the same run. Tables are emptied before every run, every
// run gets a fresh image store (kept to the end), and all are repeated --rounds times
// in turn; the best of the rounds is compared (the machine is shared).
//   npm run bench:import-variants [-- --figures 20000 --rounds 2 --variants current,shard1,probe+pipeline+c16]
// Switches (see bench/lib/import-variant.ts): probe, lean, shard1, pipeline, cN;
// "current" is runImport itself, "copy" the variant code with no switch.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { resetConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { runImport } from "@/lib/imports/run";
import { cpuMeter, waitForQuiet } from "./lib/cpu";
import { benchEnv } from "./lib/env";
import { prepareCopy } from "./lib/import-bench";
import { importInput } from "./lib/import-input";
import { runImportVariant } from "./lib/import-variant";
import { machine, utcDate } from "./lib/machine";
import { psql } from "./lib/pg";
import { makeProject } from "./lib/project";
import { fmt, now, table } from "./lib/stats";

const { values } = parseArgs({
  options: {
    figures: { type: "string", default: "80000" },
    rounds: { type: "string", default: "1" },
    variants: { type: "string", default: "current,copy,probe,probe+pipeline,lean+probe+pipeline" },
  },
});
const n = Number(values.figures);
const rounds = Number(values.rounds);
const variants = values.variants.split(",").filter((v) => v !== "current");
const input = importInput(n);
const env = await benchEnv("import_variants");
try {
  type Cpu = ReturnType<ReturnType<typeof cpuMeter>>;
  const results = new Map<string, { s: number; cpu: Cpu }[]>();
  const record = (name: string, s: number, cpu: Cpu) => {
    results.set(name, [...(results.get(name) ?? []), { s, cpu }]);
    console.log(`${name}: ${fmt(s, 2)} s; CPU s: node ${fmt(cpu.bench, 1)} (kernel ${fmt(cpu.benchKernel, 1)}), postgres ${fmt(cpu.postgres, 1)}, other processes ${fmt(cpu.other, 1)}`);
  };
  let runs = 0;
  const run = async (name: string) => {
    psql(env.url, "TRUNCATE figure, article CASCADE", "CHECKPOINT");
    const store = path.join(env.dataDir, `images-${++runs}`);
    process.env.IMAGE_STORE_DIR = store; // a fresh store per run
    resetConfig();
    const project = await makeProject(`bench-${runs}`, name);
    const imp = await db().import.create({ data: { projectId: project, status: "queued", source: input.dir, fileName: "bench" } });
    // Stores are kept to the end (deleting ~50,000 folders would land kernel work
    // in the next run) and written back first, so writeback does not either.
    execFileSync("sync");
    await waitForQuiet();
    const cpu = cpuMeter();
    const start = now();
    const tally =
      name === "current"
        ? await runImport(db(), imp.id)
        : await runImportVariant(db(), imp.id, {
            probe: name.includes("probe"),
            lean: name.includes("lean"),
            shard1: name.includes("shard1"),
            pipeline: name.includes("pipeline"),
            concurrency: Number(/c(\d+)/.exec(name)?.[1] ?? 8),
          });
    const s = (now() - start) / 1000;
    if (tally.imported !== n) throw new Error(`${name}: ${tally.imported}/${n} imported`);
    record(name, s, cpu());
    return project;
  };

  // Warm-up (JIT, sharp, connections) on a small input, untimed, so the first timed run is not the cold one.
  const warm = await makeProject("warm-up", "warm-up");
  for (const variant of [false, true]) {
    const imp = await db().import.create({ data: { projectId: warm, status: "queued", source: importInput(500).dir, fileName: "warm" } });
    if (variant) await runImportVariant(db(), imp.id, { probe: true, lean: true, shard1: false, pipeline: true, concurrency: 8 });
    else await runImport(db(), imp.id);
  }

  for (let round = 1; round <= rounds; round++) {
    // COPY on rows from this round's real runImport, loaded into an empty figure table.
    const source = await run("current");
    const copy = prepareCopy(env.url, source, await makeProject(`copy-${round}`, "COPY baseline"), path.join(env.dataDir, "figures.copy"));
    psql(env.url, "TRUNCATE figure CASCADE");
    await waitForQuiet();
    const cpu = cpuMeter();
    record("COPY", copy.copy(), cpu()); // the psql backend exits, so its CPU lands in "other" here
    for (const v of variants) await run(v);
  }

  const best = (name: string) => results.get(name)!.reduce((a, b) => (b.s < a.s ? b : a));
  const [copyS, base] = [best("COPY").s, best("current").s];
  console.log(`\nB1 import variants, ${fmt(n)} figures, best of ${rounds}: ${utcDate()}\n${machine()}\n`);
  console.log(table(["variant", "seconds (best)", "rows/s", "× runImport", "× COPY", "CPU s: node (kernel) / postgres / others", "all rounds, s"],
    [...results].map(([name, rs]) => {
      const { s, cpu } = best(name);
      const cpuText = name === "COPY" ? `– / – / ${fmt(cpu.other, 1)} (incl. the COPY backend)` : `${fmt(cpu.bench, 1)} (${fmt(cpu.benchKernel, 1)}) / ${fmt(cpu.postgres, 1)} / ${fmt(cpu.other, 1)}`;
      return [name === "COPY" ? "COPY (baseline)" : name, fmt(s, 2), fmt(n / s), fmt(base / s, 2), fmt(copyS / s, 3), cpuText, rs.map((r) => fmt(r.s, 1)).join(", ")];
    })));
} finally {
  await env.cleanup();
}
