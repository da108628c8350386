import "server-only";
import { createWriteStream, promises as fs } from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { z } from "zod";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { HttpError, notFound } from "@/lib/http/problem";
import { enqueue } from "@/lib/queue/jobs";
import { importJob } from "./jobs";
import { unreadableImages } from "./unreadable-images";

// What a person may drop in the browser: archives, record files, JATS, images.
const UPLOADABLE = /\.(zip|tar\.gz|tgz|tar|jsonl|json|nxml|xml|jpe?g|png|gif|tiff?|webp)$/i;

export const fileNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !/[/\\\0]/.test(n) && n !== "." && n !== ".." && !n.startsWith("."), "a plain file name, without folders")
  .refine((n) => UPLOADABLE.test(n), "one of .zip .tar.gz .tgz .tar .jsonl .json .nxml .xml or an image");

const importSelect = {
  id: true,
  projectId: true,
  kind: true,
  status: true,
  fileName: true,
  total: true,
  processed: true,
  imported: true,
  duplicates: true,
  failed: true,
  flagged: true,
  message: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  createdBy: { select: { name: true, email: true } },
} as const;

export async function listImports(projectId: number) {
  return db().import.findMany({ where: { projectId }, select: importSelect, orderBy: { id: "desc" }, take: 50 });
}

export async function getImport(id: number) {
  const imp = await db().import.findUnique({ where: { id }, select: { ...importSelect, errors: true } });
  if (!imp) throw notFound(`Import ${id}`);
  return { ...imp, unreadable: await unreadableImages(id) };
}

/** Step 1 of a browser upload: a row and an empty folder to stream files into. */
export async function beginUpload(projectId: number, fileNames: string[], userId: string) {
  await assertProject(projectId);
  const imp = await db().import.create({
    data: { projectId, status: "uploading", source: "", fileName: fileNames.join(", ").slice(0, 500), createdById: userId },
  });
  const dir = path.join(config().uploadDir, String(imp.id));
  await fs.mkdir(dir, { recursive: true });
  return db().import.update({ where: { id: imp.id }, data: { source: dir }, select: importSelect });
}

/** Step 2: one file's bytes, streamed to disk (never buffered, so no size cap but the disk). */
export async function receiveFile(importId: number, name: string, body: ReadableStream<Uint8Array> | null) {
  const imp = await db().import.findUnique({ where: { id: importId } });
  if (!imp) throw notFound(`Import ${importId}`);
  if (imp.status !== "uploading") {
    throw new HttpError(409, "Upload closed", `Import ${importId} has already started; begin a new import to add files.`);
  }
  if (!body) throw new HttpError(400, "Empty upload", "The request had no file body; choose the file again.");
  const dest = path.join(imp.source, name);
  const tmp = `${dest}.part`;
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as WebReadableStream<Uint8Array>), count, createWriteStream(tmp));
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw new HttpError(400, "Upload interrupted", `The upload of ${name} stopped after ${bytes} bytes (${(e as Error).message}); try again.`);
  }
  await fs.rename(tmp, dest);
  return { name, bytes };
}

/** Step 3: queue the import once every file is there. */
export async function startUpload(importId: number) {
  const imp = await db().import.findUnique({ where: { id: importId } });
  if (!imp) throw notFound(`Import ${importId}`);
  if (imp.status !== "uploading") throw new HttpError(409, "Already started", `Import ${importId} is already ${imp.status}.`);
  const files = (await fs.readdir(imp.source)).filter((f) => !f.endsWith(".part"));
  if (files.length === 0) throw new HttpError(400, "Nothing uploaded", "Upload at least one file before starting the import.");
  const started = await db().import.update({ where: { id: importId }, data: { status: "queued" }, select: importSelect });
  await enqueue(importJob, { importId });
  return started;
}

/** Admins may import a folder or file already on the server (no upload of many GB through a browser). */
export async function importFromServerPath(projectId: number, source: string, userId: string) {
  await assertProject(projectId);
  const abs = path.resolve(source);
  const roots = config().importRoots;
  if (roots.length && !roots.some((r) => abs === r || abs.startsWith(r + path.sep))) {
    throw new HttpError(403, "Path not allowed", `Imports by path are limited to ${roots.join(", ")} (IMPORT_ROOTS).`);
  }
  const stat = await fs.stat(abs).catch(() => null);
  if (!stat) throw new HttpError(400, "Path not found", `${abs} does not exist on the server; check the path and its permissions.`);
  const imp = await db().import.create({
    data: { projectId, status: "queued", source: abs, fileName: path.basename(abs), createdById: userId },
    select: importSelect,
  });
  await enqueue(importJob, { importId: imp.id });
  return imp;
}

async function assertProject(id: number) {
  if (!(await db().project.findUnique({ where: { id }, select: { id: true } }))) throw notFound(`Project ${id}`);
}
