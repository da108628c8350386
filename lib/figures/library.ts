import "server-only";
// The figure library: filtered, keyset-paginated lists over indexed columns
// (see the figure indexes in prisma/migrations), and one figure in full.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { db, type Prisma } from "@/lib/db/client";
import { notFound } from "@/lib/http/problem";

export const libraryQuery = z.object({
  journal: z.string().max(200).optional(),
  articleId: z.coerce.number().int().positive().optional(),
  hasMentions: z.enum(["yes", "no"]).optional(),
  image: z.enum(["present", "missing"]).optional(),
  /** Labelled by anyone, or not yet (label's primary key starts with figure_id). */
  labelState: z.enum(["labelled", "unlabelled"]).optional(),
  q: z.string().trim().max(200).optional(),
  /** Keyset cursor: the last figure id of the previous page. */
  after: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type LibraryQuery = z.infer<typeof libraryQuery>;

// What a grid tile shows; the detail panel fetches the rest (getFigure).
const listSelect = { id: true, customId: true, figLabel: true, caption: true, imageHash: true } as const;

function where(projectId: number, f: LibraryQuery): Prisma.FigureWhereInput {
  const w: Prisma.FigureWhereInput = { projectId };
  if (f.articleId) w.articleId = f.articleId;
  // figure.journal (a trigger-kept copy of the article's): an index in id order, and one the
  // caption trigram index can be ANDed with; through the article join it was a primary-key walk.
  if (f.journal) w.journal = f.journal;
  if (f.image) w.imageMissing = f.image === "missing";
  // Prisma sends NOT (mentions = '{}'): the partial index WHERE mentions <> '{}' serves it.
  if (f.hasMentions === "yes") w.NOT = { mentions: { isEmpty: true } };
  if (f.hasMentions === "no") w.mentions = { isEmpty: true };
  if (f.q) w.caption = { contains: f.q, mode: "insensitive" };
  if (f.labelState === "labelled") w.labels = { some: {} };
  if (f.labelState === "unlabelled") w.labels = { none: {} };
  return w;
}

/** Characters of caption per tile: with the tile's five fields a page is 19 KiB, 41 KiB before (B2). */
const CAPTION_PREVIEW = 120;

export async function listFigures(projectId: number, f: LibraryQuery) {
  const w = where(projectId, f);
  const [items, total] = await Promise.all([
    db().figure.findMany({
      where: f.after ? { ...w, id: { gt: f.after } } : w,
      select: listSelect,
      orderBy: { id: "asc" },
      take: f.limit,
    }),
    // Counting is for the first page only; later pages just append.
    f.after ? undefined : countFigures(projectId, f, w),
  ]);
  const last = items.at(-1);
  return {
    // The grid shows one truncated line of caption; the detail panel fetches it whole.
    items: items.map(({ caption, imageHash, ...rest }) => ({ ...rest, caption: caption.slice(0, CAPTION_PREVIEW), hasImage: imageHash !== null })),
    next: items.length === f.limit && last ? last.id : null,
    total,
  };
}

/*
 * The exact count behind "100,000 figures" costs 13–150 ms of PostgreSQL CPU
 * at 100,000 figures while a page costs ~1 ms, and every first page asked for
 * it (B2 in docs/benchmarks.md). So counts are cached per (project, filters)
 * in PostgreSQL (figure_count_cache), not in this process: imports write
 * figures from the worker process, and only a table that every process sees
 * can be cleared by them. insertBatch (lib/imports/insert-batch.ts) drops a
 * project's rows after each batch that adds figures, setLabel
 * (lib/labels/save.ts) the rows filtered by label state after each saved
 * label; both run after their write has committed.
 *
 * A count racing such a write must not be stored stale: the row is claimed
 * (total null, a fresh claim id) before counting and filled in only if the
 * claim is still there, so a clear that lands between the claim and the fill
 * wins, and a clear before the claim means the count sees the new rows. The
 * TTL is a backstop for writes made behind the app's back (psql, a crash
 * between a write and its clear); a PostgreSQL table rather than memory with
 * a short TTL also means one count serves every app process and restart.
 */
const COUNT_TTL_MS = 5 * 60_000;
/** A claim older than this belongs to a count that never finished (a crash): others may take it over. */
const CLAIM_TIMEOUT_MS = 30_000;

/** The filters that decide the count, in a fixed order: not the page (after, limit). */
function countKey(f: LibraryQuery): string {
  const set = Object.entries(f).filter(([k, v]) => k !== "after" && k !== "limit" && v !== undefined && v !== "");
  return new URLSearchParams(set.map(([k, v]) => [k, String(v)]).sort(([a], [b]) => a!.localeCompare(b!))).toString();
}

async function countFigures(projectId: number, f: LibraryQuery, w: Prisma.FigureWhereInput): Promise<number> {
  const key = { projectId, filterKey: countKey(f) };
  const cachedTotal = async () => {
    const row = await db().figureCountCache.findUnique({ where: { projectId_filterKey: key }, select: { total: true, countedAt: true } });
    return row?.total != null && Date.now() - row.countedAt.getTime() < COUNT_TTL_MS ? row.total : null;
  };
  const hit = await cachedTotal();
  if (hit !== null) return hit;
  // A miss is rare: the moment to drop this project's expired rows (one per search typed, say).
  await db().figureCountCache.deleteMany({ where: { projectId, countedAt: { lt: new Date(Date.now() - COUNT_TTL_MS) } } });
  // Claim the row if it is absent, expired, or a claim that never finished. A count under way or
  // just stored is left alone: re-claiming would void it, and under steady load no count of a
  // popular filter would ever be stored.
  const claim = randomUUID();
  const claimed = await db().$executeRawUnsafe(
    `INSERT INTO figure_count_cache AS c (project_id, filter_key, by_label, total, claim, counted_at) VALUES ($1, $2, $3, NULL, $4, $5)
     ON CONFLICT (project_id, filter_key) DO UPDATE SET total = NULL, claim = EXCLUDED.claim, counted_at = EXCLUDED.counted_at
     WHERE c.counted_at < CASE WHEN c.total IS NULL THEN $6::timestamptz ELSE $7::timestamptz END`,
    projectId,
    key.filterKey,
    !!f.labelState,
    claim,
    new Date(),
    new Date(Date.now() - CLAIM_TIMEOUT_MS),
    new Date(Date.now() - COUNT_TTL_MS),
  );
  if (!claimed) {
    const stored = await cachedTotal(); // another request's count may have landed meanwhile
    if (stored !== null) return stored;
  }
  const total = await db().figure.count({ where: w });
  if (claimed) await db().figureCountCache.updateMany({ where: { ...key, claim }, data: { total } });
  return total;
}

export async function getFigure(id: number) {
  const fig = await db().figure.findUnique({
    where: { id },
    include: { article: { select: { id: true, handle: true, journal: true, title: true, doi: true, pmcid: true, year: true } } },
  });
  if (!fig) throw notFound(`Figure ${id}`);
  return fig;
}

export async function listJournals(projectId: number) {
  const rows = await db().article.groupBy({
    by: ["journal"],
    where: { projectId },
    _count: { _all: true },
    orderBy: { journal: "asc" },
  });
  return rows.map((r) => ({ journal: r.journal, articles: r._count._all }));
}

export const articleQuery = z.object({ q: z.string().trim().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(30) });

export async function searchArticles(projectId: number, q: z.infer<typeof articleQuery>) {
  return db().article.findMany({
    where: {
      projectId,
      ...(q.q ? { OR: [{ title: { contains: q.q, mode: "insensitive" } }, { handle: { contains: q.q, mode: "insensitive" } }] } : {}),
    },
    select: { id: true, handle: true, title: true, journal: true, year: true },
    orderBy: { id: "asc" },
    take: q.limit,
  });
}
