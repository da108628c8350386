// Inter-annotator agreement over a project's overlapping labels, and the
// conflicts a curator adjudicates.
import type { Db } from "@/lib/db/client";
import { cohenKappa, fleissFromLabels } from "./math/kappa";

type Row = { figure_id: number; user_id: string; value: number };

export type Agreement =
  | { method: "none"; reason: string }
  | { method: "cohen"; kappa: number | null; figures: number; raters: [string, string]; observed: number }
  | { method: "fleiss"; kappa: number | null; figures: number; raters: number; dropped: number; observed: number };

const finite = (k: number) => (Number.isFinite(k) ? k : null);

export async function agreement(db: Db, projectId: number, categories: number[]): Promise<Agreement> {
  const rows = await db.$queryRawUnsafe<Row[]>(
    `SELECT l.figure_id, u.email AS user_id, l.value FROM label l JOIN "user" u ON u.id = l.user_id
     WHERE l.project_id = $1 ORDER BY l.figure_id, l.updated_at`,
    projectId,
  );
  const byFigure = new Map<number, Row[]>();
  for (const r of rows) byFigure.set(r.figure_id, [...(byFigure.get(r.figure_id) ?? []), r]);
  const multi = [...byFigure.values()].filter((ls) => ls.length >= 2);
  if (multi.length === 0) return { method: "none", reason: "No figure has two labels yet; set labels per figure above 1 to measure agreement." };
  const observed = multi.filter((ls) => ls.every((l) => l.value === ls[0]!.value)).length / multi.length;
  const raters = [...new Set(multi.flatMap((ls) => ls.map((l) => l.user_id)))];
  if (raters.length === 2) {
    // Cohen's κ: the two raters' labels on the figures both labelled.
    const [a, b] = raters as [string, string];
    const pairs = multi.map((ls) => [ls.find((l) => l.user_id === a)?.value, ls.find((l) => l.user_id === b)?.value] as const);
    const both = pairs.filter((p): p is readonly [number, number] => p[0] !== undefined && p[1] !== undefined);
    const k = cohenKappa(both.map((p) => p[0]), both.map((p) => p[1]), categories);
    return { method: "cohen", kappa: finite(k), figures: both.length, raters: [a, b], observed };
  }
  const f = fleissFromLabels(multi.map((ls) => ls.map((l) => l.value)), categories);
  return { method: "fleiss", kappa: finite(f.kappa), figures: f.subjects, raters: f.raters, dropped: f.dropped, observed };
}

/** Figures whose labels disagree and that no curator has settled yet. */
export async function conflicts(db: Db, projectId: number, limit = 200) {
  return db.$queryRawUnsafe<{ id: number; fig_label: string; caption: string; image_hash: string | null; labels: { email: string; value: number }[] }[]>(
    `SELECT f.id, f.fig_label, f.caption, f.image_hash,
            json_agg(json_build_object('email', u.email, 'value', l.value) ORDER BY u.email) AS labels
     FROM label l JOIN figure f ON f.id = l.figure_id JOIN "user" u ON u.id = l.user_id
     WHERE l.project_id = $1 AND NOT EXISTS (SELECT 1 FROM adjudication a WHERE a.figure_id = f.id)
     GROUP BY f.id HAVING count(DISTINCT l.value) > 1
     ORDER BY f.id LIMIT $2`,
    projectId,
    limit,
  );
}
