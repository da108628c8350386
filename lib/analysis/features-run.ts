// Feature extraction over a project: every figure with an image and no
// vector yet for this extractor, in batches; an undecodable image fails that
// figure only. Re-running adds only what is missing.
import { promises as fs } from "node:fs";
import type { Db } from "@/lib/db/client";
import { isExtractError, encodeVector, type Extractor } from "@/lib/features/types";
import { originalPath } from "@/lib/storage/image-store";
import { RunProgress } from "./run-row";

const BATCH = 32;

export async function runFeatures(db: Db, runId: number, extractor: Extractor): Promise<RunProgress> {
  const run = await db.analysisRun.findUniqueOrThrow({ where: { id: runId } });
  const todo = await db.$queryRawUnsafe<{ id: number; image_hash: string }[]>(
    `SELECT f.id, f.image_hash FROM figure f
     WHERE f.project_id = $1 AND f.image_hash IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM figure_feature ff WHERE ff.figure_id = f.id AND ff.extractor = $2)
     ORDER BY f.id`,
    run.projectId,
    extractor.id,
  );
  // The run learns its extractor's id here: an ONNX id carries the model's hash.
  await db.analysisRun.update({ where: { id: runId }, data: { extractor: extractor.id } });
  const p = new RunProgress(db, runId, todo.length);
  await p.save(`Extracting ${extractor.label} features`);
  for (let i = 0; i < todo.length; i += BATCH) {
    const batch = todo.slice(i, i + BATCH);
    const images = await Promise.all(batch.map((f) => fs.readFile(originalPath(f.image_hash))));
    const out = await extractor.extract(images);
    const ids: number[] = [];
    const vectors: Buffer[] = [];
    out.forEach((r, j) => {
      const fig = batch[j]!;
      if (isExtractError(r)) p.fail({ figureId: fig.id, reason: `figure ${fig.id}: ${r.error}` });
      else {
        ids.push(fig.id);
        vectors.push(encodeVector(r));
      }
    });
    if (ids.length) {
      await db.$executeRawUnsafe(
        `INSERT INTO figure_feature (figure_id, extractor, vector)
         SELECT unnest($1::int[]), $2, unnest($3::bytea[]) ON CONFLICT DO NOTHING`,
        ids,
        extractor.id,
        vectors,
      );
    }
    p.processed += batch.length;
    await p.save(`Extracting ${extractor.label} features`);
  }
  await p.finish(`${p.processed - p.failed} figures have ${extractor.label} features${p.failed ? `; ${p.failed} images could not be read` : ""}`);
  return p;
}
