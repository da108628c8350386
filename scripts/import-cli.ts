// Import from the command line, through the same code as the web app's
// import job:  npm run import -- --project <slug> <file-or-folder> [--thumbnails]
import { parseArgs } from "node:util";
import path from "node:path";
import { db, disconnectDb } from "@/lib/db/client";
import { runImport } from "@/lib/imports/run";
import { mapLimit } from "@/lib/imports/map-limit";
import { makeThumbnail } from "@/lib/storage/image-store";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { project: { type: "string" }, thumbnails: { type: "boolean", default: true } },
});
const source = positionals[0];
if (!values.project || !source) {
  console.error("usage: npm run import -- --project <slug> <file-or-folder>\n  (a .zip/.tar.gz/.tar, .jsonl/.json, .nxml, or a folder)");
  process.exit(2);
}
const project = await db().project.findUnique({ where: { slug: values.project } });
if (!project) {
  const slugs = (await db().project.findMany({ select: { slug: true } })).map((p) => p.slug);
  console.error(`No project "${values.project}". Projects: ${slugs.join(", ") || "(none; create one on the Admin page)"}`);
  process.exit(2);
}
const abs = path.resolve(source);
const imp = await db().import.create({ data: { projectId: project.id, status: "queued", source: abs, fileName: path.basename(abs) } });
const tally = await runImport(db(), imp.id, {
  onProgress: (t) => process.stdout.write(`\r${t.processed}/${t.total} processed, ${t.imported} imported, ${t.failed} rejected`),
  onNewImages: values.thumbnails ? async (hashes) => void (await mapLimit(hashes, 2, (h) => makeThumbnail(h).catch(() => undefined))) : undefined,
});
const done = await db().import.findUniqueOrThrow({ where: { id: imp.id } });
console.log(`\nImport #${imp.id} ${done.status}: ${done.message}`);
for (const e of tally.errors.slice(0, 50)) console.log(`  ${e.file}${e.line ? `:${e.line}` : ""}  ${e.reason}`);
if (tally.errors.length > 50) console.log(`  … and ${tally.errors.length - 50} more (see the Imports page)`);
await disconnectDb();
process.exit(done.status === "failed" ? 1 : 0);
