import "server-only";
// The figure library: filtered, keyset-paginated lists over indexed columns
// (see the figure indexes in prisma/migrations), and one figure in full.
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
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type LibraryQuery = z.infer<typeof libraryQuery>;

const listSelect = {
  id: true,
  customId: true,
  figLabel: true,
  caption: true,
  imageHash: true,
  imageMissing: true,
  width: true,
  height: true,
  articleId: true,
} as const;

function where(projectId: number, f: LibraryQuery): Prisma.FigureWhereInput {
  const w: Prisma.FigureWhereInput = { projectId };
  if (f.articleId) w.articleId = f.articleId;
  if (f.journal) w.article = { journal: f.journal };
  if (f.image) w.imageMissing = f.image === "missing";
  // Prisma sends NOT (mentions = '{}'): the partial index WHERE mentions <> '{}' serves it.
  if (f.hasMentions === "yes") w.NOT = { mentions: { isEmpty: true } };
  if (f.hasMentions === "no") w.mentions = { isEmpty: true };
  if (f.q) w.caption = { contains: f.q, mode: "insensitive" };
  if (f.labelState === "labelled") w.labels = { some: {} };
  if (f.labelState === "unlabelled") w.labels = { none: {} };
  return w;
}

export async function listFigures(projectId: number, f: LibraryQuery) {
  const w = where(projectId, f);
  const items = await db().figure.findMany({
    where: f.after ? { ...w, id: { gt: f.after } } : w,
    select: listSelect,
    orderBy: { id: "asc" },
    take: f.limit,
  });
  const last = items.at(-1);
  return {
    items: items.map(({ caption, ...rest }) => ({ ...rest, caption: caption.slice(0, 240) })),
    next: items.length === f.limit && last ? last.id : null,
    // Counting is for the first page only; later pages just append.
    total: f.after ? undefined : await db().figure.count({ where: w }),
  };
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
