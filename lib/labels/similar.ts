// "More like this": the figures nearest to an anchor in PCA space (the
// scores PCA stored per figure), nearest first.
import type { Db } from "@/lib/db/client";

export async function similarTo(db: Db, anchor: number, extractor: string, limit = 500): Promise<number[]> {
  const a = await db.figurePca.findUnique({ where: { figureId_extractor: { figureId: anchor, extractor } } });
  if (!a) return [];
  const fig = await db.figure.findUniqueOrThrow({ where: { id: anchor }, select: { projectId: true } });
  const rows = await db.$queryRawUnsafe<{ figure_id: number; scores: Uint8Array }[]>(
    `SELECT p.figure_id, p.scores FROM figure_pca p JOIN figure f ON f.id = p.figure_id
     WHERE f.project_id = $1 AND p.extractor = $2`,
    fig.projectId,
    extractor,
  );
  const at = floats(a.scores);
  return rows
    .map((r) => {
      const s = floats(r.scores);
      let d = 0;
      for (let i = 0; i < at.length; i++) d += (at[i]! - s[i]!) ** 2;
      return { id: r.figure_id, d };
    })
    .sort((x, y) => x.d - y.d)
    .slice(0, limit)
    .map((x) => x.id);
}

function floats(b: Uint8Array): Float32Array {
  const copy = new Uint8Array(b); // aligned copy
  return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
}
