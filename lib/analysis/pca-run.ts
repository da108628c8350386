// PCA over a project's feature vectors: each figure's scores on the top
// components, PC1 and PC2 kept as columns for ordering and the 2-D map.
import type { Db } from "@/lib/db/client";
import { decodeVector } from "@/lib/features/types";
import { pca } from "@/lib/labels/math/pca";
import { gram } from "@/lib/onnx/gram";
import { RunProgress } from "./run-row";

const K = 10;
const WRITE_BATCH = 5_000;

export async function runPca(db: Db, runId: number): Promise<RunProgress> {
  const run = await db.analysisRun.findUniqueOrThrow({ where: { id: runId } });
  const rows = await db.$queryRawUnsafe<{ figure_id: number; vector: Buffer }[]>(
    `SELECT ff.figure_id, ff.vector FROM figure_feature ff JOIN figure f ON f.id = ff.figure_id
     WHERE f.project_id = $1 AND ff.extractor = $2 ORDER BY ff.figure_id`,
    run.projectId,
    run.extractor,
  );
  const p = new RunProgress(db, runId, rows.length);
  if (rows.length < 3) {
    p.fail({ reason: `PCA needs at least 3 figures with ${run.extractor} features; extract features first` });
    await p.finish("Not enough features for PCA");
    return p;
  }
  await p.save("Computing principal components");
  const d = decodeVector(Buffer.from(rows[0]!.vector)).length;
  const n = rows.length;
  const X = new Float32Array(n * d);
  rows.forEach((r, i) => X.set(decodeVector(Buffer.from(r.vector)), i * d));
  const k = Math.min(K, d, n - 1);
  const result = await pca(X, n, d, k, { gram });

  await db.$executeRawUnsafe(
    `DELETE FROM figure_pca USING figure f WHERE f.id = figure_pca.figure_id AND f.project_id = $1 AND figure_pca.extractor = $2`,
    run.projectId,
    run.extractor,
  );
  for (let i = 0; i < n; i += WRITE_BATCH) {
    const ids: number[] = [];
    const pc1: number[] = [];
    const pc2: number[] = [];
    const scores: Buffer[] = [];
    for (let j = i; j < Math.min(n, i + WRITE_BATCH); j++) {
      const s = result.scores.subarray(j * k, (j + 1) * k);
      ids.push(rows[j]!.figure_id);
      pc1.push(s[0]!);
      pc2.push(k > 1 ? s[1]! : 0);
      scores.push(Buffer.from(new Uint8Array(s.slice().buffer)));
    }
    await db.$executeRawUnsafe(
      `INSERT INTO figure_pca (figure_id, extractor, pc1, pc2, scores)
       SELECT * FROM unnest($1::int[], $2::text[], $3::float8[], $4::float8[], $5::bytea[])`,
      ids,
      ids.map(() => run.extractor),
      pc1,
      pc2,
      scores,
    );
    p.processed = Math.min(n, i + WRITE_BATCH);
    await p.save("Writing scores");
  }
  const explained = [...result.explainedRatio].map((r) => `${(r * 100).toFixed(1)}%`).join(", ");
  await p.finish(`PCA over ${n} figures × ${d} features; explained variance of the top ${k}: ${explained}`);
  return p;
}
