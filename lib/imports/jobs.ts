// The import queue: one job per Import row, and thumbnails made after the
// rows are in (the library shows a placeholder until they exist). The
// thumbnail is the image's first full decode, so it is also where corrupt
// image data is found (lib/imports/unreadable-images.ts).
import { z } from "zod";
import { db } from "@/lib/db/client";
import { defineJob, enqueue } from "@/lib/queue/jobs";
import { mapLimit } from "./map-limit";
import { runImport } from "./run";
import { sweepUploads } from "./sweep-uploads";
import { thumbnailOrReject } from "./unreadable-images";

export const thumbnailJob = defineJob({
  queue: "thumbnails",
  payload: z.object({ hashes: z.array(z.string().regex(/^[0-9a-f]{64}$/)).min(1) }),
  jobId: (p) => `thumbs-${p.hashes[0]}-${p.hashes.length}`,
  options: { attempts: 3, backoff: { type: "exponential", delay: 2_000 }, removeOnComplete: 1_000, removeOnFail: 5_000 },
  concurrency: 1,
  handler: async ({ hashes }) => {
    const unreadable: string[] = [];
    await mapLimit(hashes, 2, async (h) => {
      // Any failure but the decoder's refusal (the disk, the store) throws: the job is retried.
      const rejected = await thumbnailOrReject(h);
      if (rejected) unreadable.push(`${h}: ${rejected}`);
    });
    if (unreadable.length) console.warn(`${unreadable.length} image(s) could not be decoded; their figures are caption-only now:\n${unreadable.join("\n")}`);
    return { made: hashes.length - unreadable.length, unreadable: unreadable.length };
  },
});

export const importJob = defineJob({
  queue: "import",
  payload: z.object({ importId: z.number().int().positive() }),
  jobId: (p) => `import-${p.importId}`,
  // The import itself records per-record failures; a crash mid-run is retried
  // once and re-running is safe (inserts skip what is already there).
  options: { attempts: 2, backoff: { type: "fixed", delay: 5_000 }, removeOnComplete: 1_000, removeOnFail: 5_000 },
  concurrency: 1,
  handler: async ({ importId }) => {
    const tally = await runImport(db(), importId, {
      onNewImages: async (hashes) => {
        for (let i = 0; i < hashes.length; i += 200) await enqueue(thumbnailJob, { hashes: hashes.slice(i, i + 200) });
      },
    });
    return { imported: tally.imported, failed: tally.failed };
  },
});

/** Hourly: abandoned uploads and old inputs of finished imports (lib/imports/sweep-uploads.ts). */
export const uploadSweepJob = defineJob({
  queue: "upload-sweep",
  payload: z.object({}),
  jobId: () => "upload-sweep",
  options: { attempts: 1, removeOnComplete: 100, removeOnFail: 100 },
  concurrency: 1,
  handler: async () => {
    const r = await sweepUploads();
    if (r.abandoned.length || r.cleared.length) {
      console.log(`uploads swept: abandoned import(s) ${r.abandoned.join(", ") || "none"}; inputs deleted for ${r.cleared.join(", ") || "none"}`);
    }
    return r;
  },
});

/**
 * Postgres is the source of truth, Redis only holds the queue: imports that
 * Postgres says are waiting or running are queued again when a worker
 * starts. The stable job id makes this a no-op when the job still exists.
 */
export async function reconcileImports(): Promise<number> {
  const open = await db().import.findMany({ where: { status: { in: ["queued", "running"] } }, select: { id: true } });
  for (const { id } of open) await enqueue(importJob, { importId: id });
  return open.length;
}
