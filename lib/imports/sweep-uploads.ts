// Browser uploads leave folders under UPLOAD_DIR (lib/imports/service.ts).
// Two kinds would otherwise stay forever: uploads nobody started (the tab was
// closed mid-upload) and the inputs of finished imports, whose figures and
// images are in the database and the image store by then. Multi-GB PMC
// archives make both a disk problem, so the workers sweep them every hour.
import { promises as fs } from "node:fs";
import path from "node:path";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";

const HOUR = 3_600_000;

export type SweepResult = { abandoned: number[]; cleared: number[] };

export async function sweepUploads(now = new Date()): Promise<SweepResult> {
  const { uploadDir, uploads } = config();
  const result: SweepResult = { abandoned: [], cleared: [] };

  // Uploads nobody started: idle (no byte written, no file added) for longer than the limit.
  const idleBefore = now.getTime() - uploads.abandonAfterHours * HOUR;
  const open = await db().import.findMany({
    where: { status: "uploading", createdAt: { lt: new Date(idleBefore) } },
    select: { id: true, source: true, createdAt: true },
  });
  for (const imp of open) {
    const dir = ownFolder(uploadDir, imp.id, imp.source);
    if (dir && (await lastWrite(dir)) > idleBefore) continue; // still receiving bytes
    // Only if it is still "uploading": a start that lands now wins, and its files stay.
    const { count } = await db().import.updateMany({
      where: { id: imp.id, status: "uploading" },
      data: {
        status: "failed",
        finishedAt: now,
        message: `The upload was abandoned: nothing arrived for ${uploads.abandonAfterHours} h, so its files were deleted. Start a new import to try again.`,
      },
    });
    if (!count) continue;
    if (dir) await fs.rm(dir, { recursive: true, force: true });
    result.abandoned.push(imp.id);
  }

  // Inputs of finished imports, after the keep period (0 = keep them).
  if (uploads.keepDays > 0) {
    const finished = await db().import.findMany({
      where: { status: { in: ["succeeded", "partial", "failed"] }, finishedAt: { lt: new Date(now.getTime() - uploads.keepDays * 24 * HOUR) } },
      select: { id: true, source: true },
    });
    for (const imp of finished) {
      const dir = ownFolder(uploadDir, imp.id, imp.source);
      if (!dir || !(await exists(dir))) continue;
      await fs.rm(dir, { recursive: true, force: true });
      result.cleared.push(imp.id);
    }
  }
  return result;
}

/**
 * The import's own upload folder, or null. An admin's server-path import names
 * a folder of theirs as its source: that is never ours to delete.
 */
function ownFolder(uploadDir: string, id: number, source: string): string | null {
  const own = path.join(uploadDir, String(id));
  return path.resolve(source) === own ? own : null;
}

/** The newest modification time in the folder (files still being written included), or 0. */
async function lastWrite(dir: string): Promise<number> {
  const entries = await fs.readdir(dir).catch(() => [] as string[]);
  const times = await Promise.all(
    [dir, ...entries.map((e) => path.join(dir, e))].map((p) => fs.stat(p).then((s) => s.mtimeMs, () => 0)),
  );
  return Math.max(0, ...times);
}

const exists = (p: string) => fs.stat(p).then(() => true, () => false);
