// Caption-only figures (no image) for tests that need figure rows, made
// through the import's own insert.
import { db } from "@/lib/db/client";
import { insertBatch } from "@/lib/imports/insert-batch";

const article = { handle: "p1", journal: "J", title: "T", doi: null, pmcid: null, year: 2020 };

/** Inserts `n` figures f0…f(n−1) of one article; returns their ids in order. */
export async function insertCaptionOnlyFigures(projectId: number, n: number): Promise<number[]> {
  const figures = Array.from({ length: n }, (_, i) => ({ customId: `f${i}`, figLabel: `Figure ${i}`, caption: `caption ${i}`, mentions: [] }));
  await insertBatch(
    db(),
    projectId,
    null,
    figures.map((f) => ({ ...f, page: null, imageHash: null, imageName: null, imageMissing: true, width: null, height: null, synthetic: true, article })),
  );
  const rows = await db().figure.findMany({ where: { projectId }, orderBy: { id: "asc" }, select: { id: true } });
  return rows.map((r) => r.id);
}
