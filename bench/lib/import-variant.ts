// An experimental copy of runImport (lib/imports/run.ts) for a folder input,
// with the changes the import benchmark suggests behind switches, so their
// effect can be measured against the real thing in one run:
//   shard1    originals under <store>/ab/<hash> (256 folders) instead of
//             <store>/ab/cd/<hash> (65,536): no new folder for most images
//   lean      one open per image (fstat + read on the handle) and a memo of
//             shard folders already made (no mkdir call per image)
//   probe     width/height/format of PNG and JPEG read from the header bytes in
//             JS (sharp only for other formats or when the probe fails)
//   pipeline  the images of batch k+1 are checked while batch k is inserted
//   cN        N images checked at a time instead of 8
// With no switch it does what runImport does (a check that the copy is faithful).
import { createHash, randomUUID } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { crc32 } from "node:zlib";
import sharp from "sharp";
import { config } from "@/lib/config";
import type { Db } from "@/lib/db/client";
import { detectInputKind } from "@/lib/figures/import/detect";
import { indexFiles, resolveImage } from "@/lib/figures/import/file-index";
import { parseInput } from "@/lib/figures/import/parse-input";
import type { ParsedFigure } from "@/lib/figures/import/types";
import { insertBatch, type FigureRow } from "@/lib/imports/insert-batch";
import { mapLimit } from "@/lib/imports/map-limit";
import { addIssue, emptyTally, finalStatus, summary, type Tally } from "@/lib/imports/progress";
import { ImageRejected, originalPath, storeImageFile, type StoredImage } from "@/lib/storage/image-store";

export type Variant = { probe: boolean; lean: boolean; shard1: boolean; pipeline: boolean; concurrency: number };

const BATCH = 1_000;

export async function runImportVariant(db: Db, importId: number, v: Variant): Promise<Tally> {
  const imp = await db.import.findUniqueOrThrow({ where: { id: importId } });
  const tally = emptyTally();
  const save = (message: string) => db.import.update({ where: { id: importId }, data: { ...counters(tally), message } });
  await db.import.update({ where: { id: importId }, data: { status: "running", startedAt: new Date(), message: "Unpacking" } });
  const rootDir = imp.source;
  const files = (await fs.readdir(rootDir, { recursive: true, withFileTypes: true }))
    .filter((e) => e.isFile())
    .map((e) => path.relative(rootDir, path.join(e.parentPath, e.name)))
    .sort();
  const kind = await detectInputKind(rootDir, files);
  if (!kind) throw new Error("not a figure-record input");
  await db.import.update({ where: { id: importId }, data: { kind, message: "Reading records" } });
  const figures: ParsedFigure[] = [];
  for await (const ev of parseInput(rootDir, files, kind)) {
    if (ev.kind === "figure") figures.push(ev.figure);
    else addIssue(tally, ev.issue);
  }
  tally.total = figures.length + tally.failed;
  tally.processed = tally.failed;
  await save("Importing");

  const index = indexFiles(rootDir, files);
  const store = v.probe || v.lean || v.shard1 ? (file: string) => storeVariant(file, v) : storeImageFile;
  const check = (i: number) =>
    mapLimit(figures.slice(i, i + BATCH), v.concurrency, (f) => checkFigure(f, index, tally, store)).then((rows) =>
      rows.filter((r): r is FigureRow => r !== null),
    );
  let pending: Promise<FigureRow[]> | null = null;
  for (let i = 0; i < figures.length; i += BATCH) {
    const rows = await (pending ?? check(i));
    pending = v.pipeline && i + BATCH < figures.length ? check(i + BATCH) : null;
    const { inserted } = await insertBatch(db, imp.projectId, importId, rows);
    tally.imported += inserted;
    tally.duplicates += rows.length - inserted;
    tally.flagged += rows.filter((r) => r.imageMissing).length;
    tally.processed += Math.min(BATCH, figures.length - i);
    await save("Importing");
  }
  await db.import.update({
    where: { id: importId },
    data: { ...counters(tally), status: finalStatus(tally), finishedAt: new Date(), message: summary(tally) },
  });
  return tally;
}

async function checkFigure(
  f: ParsedFigure,
  index: ReturnType<typeof indexFiles>,
  tally: Tally,
  store: (file: string) => Promise<StoredImage>,
): Promise<FigureRow | null> {
  let stored: StoredImage | null = null;
  const file = f.imageRef ? resolveImage(index, f.imageRef, f.source.file) : null;
  if (file) {
    try {
      stored = await store(file);
    } catch (e) {
      if (!(e instanceof ImageRejected)) throw e;
      addIssue(tally, { ...f.source, reason: `figure ${f.customId}: ${e.message}` });
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

function counters(t: Tally) {
  const { total, processed, imported, duplicates, failed, flagged, errors } = t;
  return { total, processed, imported, duplicates, failed, flagged, errors };
}

/** storeImageFile with the switches: same checks and limits (shorter messages). */
async function storeVariant(file: string, { lean, shard1, probe: useProbe }: Variant): Promise<StoredImage> {
  const { maxBytes, maxPixels } = config().imageLimits;
  const bytes = lean ? await readChecked(file, maxBytes) : await readCheckedTwice(file, maxBytes);
  const meta = useProbe ? probe(bytes) : await sharpMeta(bytes, maxPixels);
  if (!meta) return storeImageFile(file); // other formats, odd files: the real path and its messages
  if (meta.width * meta.height > maxPixels) throw new ImageRejected("the image is over the IMAGE_MAX_PIXELS limit");
  if (truncated(bytes, meta.format)) throw new ImageRejected(`the ${meta.format.toUpperCase()} file is truncated`);
  const hash = createHash("sha256").update(bytes).digest("hex");
  const dest = shard1 ? path.join(config().imageStoreDir, hash.slice(0, 2), hash) : originalPath(hash);
  if (!(await exists(dest))) {
    const dir = path.dirname(dest);
    if (!lean || !madeDirs.has(dir)) {
      await fs.mkdir(dir, { recursive: true });
      if (lean) madeDirs.add(dir);
    }
    const tmp = `${dest}.${randomUUID()}.tmp`;
    await fs.writeFile(tmp, bytes);
    await fs.rename(tmp, dest);
  }
  return { hash, ...meta, bytes: bytes.length };
}

/** The header as storeImageFile reads it, through libvips; null when it is not PNG or JPEG. */
async function sharpMeta(bytes: Buffer, maxPixels: number) {
  const { width, height, format } = await sharp(bytes, { limitInputPixels: maxPixels }).metadata();
  return width && height && (format === "png" || format === "jpeg") ? { width, height, format } : null;
}

/** As storeImageFile reads: stat by path, then read the file. */
async function readCheckedTwice(file: string, maxBytes: number): Promise<Buffer> {
  const { size } = await fs.stat(file);
  if (size === 0) throw new ImageRejected("the image file is empty; re-export it");
  if (size > maxBytes) throw new ImageRejected("the image is over the IMAGE_MAX_BYTES limit");
  return fs.readFile(file);
}

/** One open: fstat on the handle, then read from it. */
async function readChecked(file: string, maxBytes: number): Promise<Buffer> {
  const fh = await fs.open(file, "r");
  try {
    const { size } = await fh.stat();
    if (size === 0) throw new ImageRejected("the image file is empty; re-export it");
    if (size > maxBytes) throw new ImageRejected("the image is over the IMAGE_MAX_BYTES limit");
    return await fh.readFile();
  } finally {
    await fh.close();
  }
}

const madeDirs = new Set<string>(); // per process; the benchmark gives each run its own store folder
const exists = (p: string) => fs.access(p).then(() => true, () => false);

/** Width, height and format from a PNG IHDR (CRC checked) or a JPEG SOF marker; null for anything else. */
export function probe(b: Buffer): { width: number; height: number; format: "png" | "jpeg" } | null {
  if (b.length >= 33 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a && b.toString("latin1", 12, 16) === "IHDR") {
    if (b.readUInt32BE(8) !== 13 || b.readUInt32BE(29) !== crc32(b.subarray(12, 29))) return null;
    const width = b.readUInt32BE(16);
    const height = b.readUInt32BE(20);
    return width > 0 && height > 0 ? { width, height, format: "png" } : null;
  }
  if (b[0] !== 0xff || b[1] !== 0xd8) return null;
  for (let i = 2; i + 9 < b.length; ) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    if (marker === 0xff) i += 1; // fill byte
    else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) i += 2; // markers without a length
    else if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const height = b.readUInt16BE(i + 5);
      const width = b.readUInt16BE(i + 7);
      return width > 0 && height > 0 ? { width, height, format: "jpeg" } : null;
    } else i += 2 + b.readUInt16BE(i + 2);
  }
  return null;
}

function truncated(b: Buffer, format: "png" | "jpeg"): boolean {
  const tail = b.subarray(Math.max(0, b.length - 64));
  return format === "jpeg" ? tail.indexOf(Buffer.from([0xff, 0xd9])) === -1 : tail.indexOf(Buffer.from("IEND")) === -1;
}
