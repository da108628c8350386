// Runs one Import: unpack → detect format → parse → check and store images →
// insert in batches, updating the row's counters as it goes. Safe to run
// again after a crash: counters restart and inserts skip what is there.
import { promises as fs } from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { detectArchive, extractArchive } from "@/lib/figures/import/archive";
import { detectInputKind } from "@/lib/figures/import/detect";
import { indexFiles, resolveImage } from "@/lib/figures/import/file-index";
import { parseInput } from "@/lib/figures/import/parse-input";
import type { ImportIssue, ParsedFigure } from "@/lib/figures/import/types";
import { ImageRejected, storeImageFile, type StoredImage } from "@/lib/storage/image-store";
import { insertBatch, type FigureRow } from "./insert-batch";
import { addIssue, emptyTally, finalStatus, summary, type Tally } from "./progress";
import { mapLimit } from "./map-limit";

const BATCH = 1_000;
const IMAGE_CONCURRENCY = 8;

export type RunHooks = {
  /** Called with the hashes of images new to the project (the worker queues thumbnails). */
  onNewImages?: (hashes: string[]) => Promise<void>;
  onProgress?: (t: Tally) => void;
};

export async function runImport(db: Db, importId: number, hooks: RunHooks = {}): Promise<Tally> {
  const imp = await db.import.findUniqueOrThrow({ where: { id: importId } });
  const tally = emptyTally();
  await db.import.update({
    where: { id: importId },
    data: { status: "running", startedAt: new Date(), finishedAt: null, ...counters(tally), message: "Unpacking" },
  });
  // Unpacked archives go beside the upload when it is ours, so every file
  // sits under one root; a server path is never written into.
  const workDir = imp.source.startsWith(config().uploadDir)
    ? path.join(imp.source, ".unpacked")
    : path.join(config().uploadDir, "work", String(importId));
  try {
    const { rootDir, files } = await prepareInput(imp.source, workDir, tally);
    const kind = await detectInputKind(rootDir, files);
    if (!kind) {
      throw new Error(
        "No figure records, JATS (.nxml) or caption-set JSONL found in this input; check the file is one of the three supported formats",
      );
    }
    await db.import.update({ where: { id: importId }, data: { kind, message: "Reading records" } });

    const figures: ParsedFigure[] = [];
    for await (const ev of parseInput(rootDir, files, kind)) {
      if (ev.kind === "figure") figures.push(ev.figure);
      else addIssue(tally, ev.issue);
    }
    tally.total = figures.length + tally.failed;
    tally.processed = tally.failed;
    await save(db, importId, tally, "Importing", hooks);

    const index = indexFiles(rootDir, files);
    // Batch k+1's images are checked and stored while batch k is inserted:
    // PostgreSQL's insert and index work then runs beside Node's image work.
    const check = (from: number) => {
      const batch = checkBatch(figures.slice(from, from + BATCH), rootDir, index);
      batch.catch(() => undefined); // awaited below; a failure meanwhile must not count as unhandled
      return batch;
    };
    let next: Promise<CheckedBatch> | null = figures.length ? check(0) : null;
    try {
      for (let i = 0; i < figures.length; i += BATCH) {
        const { rows, issues } = await next!;
        next = i + BATCH < figures.length ? check(i + BATCH) : null;
        const { inserted, newHashes } = await insertBatch(db, imp.projectId, importId, rows);
        for (const issue of issues) addIssue(tally, issue);
        tally.imported += inserted;
        tally.duplicates += rows.length - inserted;
        tally.flagged += rows.filter((r) => r.imageMissing).length;
        tally.processed += Math.min(BATCH, figures.length - i);
        if (newHashes.length) await hooks.onNewImages?.(newHashes);
        await save(db, importId, tally, "Importing", hooks);
      }
    } finally {
      // After a failure, let the batch still being checked finish before its files are removed.
      await next?.catch(() => undefined);
    }
    await db.import.update({
      where: { id: importId },
      data: { ...counters(tally), status: finalStatus(tally), finishedAt: new Date(), message: summary(tally) },
    });
  } catch (e) {
    await db.import.update({
      where: { id: importId },
      data: { ...counters(tally), status: "failed", finishedAt: new Date(), message: (e as Error).message },
    });
  } finally {
    await fs.rm(workDir, { recursive: true, force: true });
  }
  return tally;
}

type CheckedBatch = { rows: FigureRow[]; issues: ImportIssue[] };

/** Checks and stores a batch's images, 8 at a time; rejected images become issues, counted when the batch is. */
async function checkBatch(slice: ParsedFigure[], rootDir: string, index: ReturnType<typeof indexFiles>): Promise<CheckedBatch> {
  const issues: ImportIssue[] = [];
  const rows = await mapLimit(slice, IMAGE_CONCURRENCY, (f) => checkFigure(f, rootDir, index, issues));
  return { rows: rows.filter((r): r is FigureRow => r !== null), issues };
}

async function checkFigure(
  f: ParsedFigure,
  rootDir: string,
  index: ReturnType<typeof indexFiles>,
  issues: ImportIssue[],
): Promise<FigureRow | null> {
  let stored: StoredImage | null = null;
  const file = f.imageRef ? resolveImage(index, f.imageRef, f.source.file) : null;
  if (file) {
    try {
      stored = await storeImageFile(file);
    } catch (e) {
      if (!(e instanceof ImageRejected)) throw e;
      issues.push({
        ...f.source,
        reason: `figure ${f.customId}: image ${path.relative(rootDir, file)}: ${e.message}, or remove the record`,
      });
      return null;
    }
  }
  return {
    customId: f.customId,
    figLabel: f.figLabel,
    caption: f.caption,
    mentions: f.mentions,
    page: f.page,
    imageHash: stored?.hash ?? null,
    imageName: f.imageRef,
    imageMissing: !stored,
    width: stored?.width ?? null,
    height: stored?.height ?? null,
    synthetic: f.synthetic ?? false,
    article: f.article,
  };
}

/** An archive is unpacked into a work folder; a folder or a single file is read in place. */
async function prepareInput(source: string, workDir: string, tally: Tally): Promise<{ rootDir: string; files: string[] }> {
  const stat = await fs.stat(source).catch(() => null);
  if (!stat) throw new Error(`The input ${source} is gone; upload it again`);
  await fs.rm(workDir, { recursive: true, force: true });
  if (stat.isFile()) {
    if (!detectArchive(source)) return { rootDir: path.dirname(source), files: [path.basename(source)] };
    await fs.mkdir(workDir, { recursive: true });
    return { rootDir: workDir, files: await unpack(source, workDir, "", tally) };
  }
  // A folder: an upload (several files dropped at once) or a server path.
  // Archives inside it are unpacked under the work folder, beside the rest.
  const files: string[] = [];
  for (const f of await listFiles(source)) {
    if (!detectArchive(f)) files.push(f);
    else files.push(...(await unpack(path.join(source, f), workDir, path.relative(source, workDir), tally)));
  }
  return { rootDir: source, files };
}

async function unpack(archive: string, workDir: string, prefix: string, tally: Tally): Promise<string[]> {
  const dest = path.join(workDir, path.basename(archive));
  await fs.mkdir(dest, { recursive: true });
  const { files, issues } = await extractArchive(archive, dest);
  for (const issue of issues) addIssue(tally, { ...issue, file: `${path.basename(archive)}: ${issue.file}` });
  return files.map((f) => path.join(prefix, path.basename(archive), f));
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

function counters(t: Tally) {
  const { total, processed, imported, duplicates, failed, flagged, errors } = t;
  return { total, processed, imported, duplicates, failed, flagged, errors };
}

async function save(db: Db, id: number, t: Tally, message: string, hooks: RunHooks) {
  hooks.onProgress?.(t);
  await db.import.update({ where: { id }, data: { ...counters(t), message } });
}
