// Writes one batch of checked figures: articles upserted, figures inserted in
// one statement. ON CONFLICT DO NOTHING makes a re-run add nothing twice:
// figures are unique by (project, custom_id) and by (project, image hash).
import type { Db } from "@/lib/db/client";
import type { ParsedArticle } from "@/lib/figures/import/types";

export type FigureRow = {
  customId: string;
  figLabel: string;
  caption: string;
  mentions: string[];
  page: number | null;
  imageHash: string | null;
  imageName: string | null;
  imageMissing: boolean;
  width: number | null;
  height: number | null;
  synthetic: boolean;
  article: ParsedArticle;
};

export async function insertBatch(
  db: Db,
  projectId: number,
  importId: number | null,
  rows: FigureRow[],
): Promise<{ inserted: number; newHashes: string[] }> {
  if (rows.length === 0) return { inserted: 0, newHashes: [] };
  const articles = new Map<string, ParsedArticle>();
  for (const r of rows) if (!articles.has(r.article.handle)) articles.set(r.article.handle, r.article);
  const a = [...articles.values()];
  // Fill in metadata a later record knows but an earlier one didn't; never blank it out.
  const ids = await db.$queryRawUnsafe<{ id: number; handle: string }[]>(
    `INSERT INTO article (project_id, handle, journal, title, doi, pmcid, year)
     SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[])
     ON CONFLICT (project_id, handle) DO UPDATE SET
       journal = CASE WHEN article.journal = '' THEN EXCLUDED.journal ELSE article.journal END,
       title   = CASE WHEN article.title = '' THEN EXCLUDED.title ELSE article.title END,
       doi     = COALESCE(article.doi, EXCLUDED.doi),
       pmcid   = COALESCE(article.pmcid, EXCLUDED.pmcid),
       year    = COALESCE(article.year, EXCLUDED.year)
     RETURNING id, handle`,
    projectId,
    a.map((x) => x.handle),
    a.map((x) => x.journal),
    a.map((x) => x.title),
    a.map((x) => x.doi),
    a.map((x) => x.pmcid),
    a.map((x) => x.year),
  );
  const articleId = new Map(ids.map((r) => [r.handle, r.id]));
  const inserted = await db.$queryRawUnsafe<{ image_hash: string | null }[]>(
    `INSERT INTO figure (project_id, import_id, article_id, custom_id, fig_label, caption, mentions, page,
                         image_hash, image_name, image_missing, width, height, synthetic, journal)
     SELECT $1, $2, t.article_id, t.custom_id, t.fig_label, t.caption,
            ARRAY(SELECT jsonb_array_elements_text(t.mentions)), t.page,
            t.image_hash, t.image_name, t.image_missing, t.width, t.height, t.synthetic,
            a.journal -- the article's, as the insert trigger would set it (then it has nothing to fix)
     FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::int[],
                 $9::text[], $10::text[], $11::bool[], $12::int[], $13::int[], $14::bool[])
          AS t(article_id, custom_id, fig_label, caption, mentions, page,
               image_hash, image_name, image_missing, width, height, synthetic)
          JOIN article a ON a.id = t.article_id
     ON CONFLICT DO NOTHING
     RETURNING image_hash`,
    projectId,
    importId,
    rows.map((r) => articleId.get(r.article.handle)!),
    rows.map((r) => r.customId),
    rows.map((r) => r.figLabel),
    rows.map((r) => r.caption),
    rows.map((r) => JSON.stringify(r.mentions)),
    rows.map((r) => r.page),
    rows.map((r) => r.imageHash),
    rows.map((r) => r.imageName),
    rows.map((r) => r.imageMissing),
    rows.map((r) => r.width),
    rows.map((r) => r.height),
    rows.map((r) => r.synthetic),
  );
  // The library's cached counts of this project are out of date now (the
  // insert above has committed: see countFigures in lib/figures/library.ts).
  if (inserted.length) await db.figureCountCache.deleteMany({ where: { projectId } });
  return { inserted: inserted.length, newHashes: inserted.flatMap((r) => (r.image_hash ? [r.image_hash] : [])) };
}
