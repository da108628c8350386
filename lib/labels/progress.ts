import type { Db } from "@/lib/db/client";

/** Mine, team, remaining: what the labeling header shows. */
export async function labelProgress(db: Db, projectId: number, userId: string, labelsPerFigure: number) {
  const [r] = await db.$queryRawUnsafe<{ total: number; mine: number; team: number; complete: number }[]>(
    `SELECT
       (SELECT count(*)::int FROM figure WHERE project_id = $1) AS total,
       (SELECT count(*)::int FROM label WHERE project_id = $1 AND user_id = $2) AS mine,
       (SELECT count(DISTINCT figure_id)::int FROM label WHERE project_id = $1) AS team,
       (SELECT count(*)::int FROM (SELECT figure_id FROM label WHERE project_id = $1
                                   GROUP BY figure_id HAVING count(*) >= $3) c) AS complete`,
    projectId,
    userId,
    labelsPerFigure,
  );
  return { ...r!, remaining: r!.total - r!.complete, labelsPerFigure };
}

export async function labelHistory(db: Db, figureId: number) {
  return db.$queryRawUnsafe<{ at: Date; value: number | null; name: string; email: string }[]>(
    `SELECT e.at, e.value, u.name, u.email FROM label_event e JOIN "user" u ON u.id = e.user_id
     WHERE e.figure_id = $1 ORDER BY e.at DESC, e.id DESC LIMIT 100`,
    figureId,
  );
}
