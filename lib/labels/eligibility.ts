// Which figures feed which generation task. A figure's effective label is a
// curator's adjudication, else the clinicians' consensus (most common label,
// latest breaking ties), else the filter model's prediction above the
// threshold (2 if P(keep {2}) ≥ t, else 1 if P(keep {1,2}) ≥ t, else 0).
import type { Db } from "@/lib/db/client";
import type { EligibilityRules } from "@/lib/projects/label-schema";

export const tasks = ["ift", "mcq", "ddx"] as const;
export type Task = (typeof tasks)[number];

const EFFECTIVE = `
  COALESCE(
    (SELECT a.value FROM adjudication a WHERE a.figure_id = f.id),
    (SELECT l.value FROM label l WHERE l.figure_id = f.id GROUP BY l.value ORDER BY count(*) DESC, max(l.updated_at) DESC LIMIT 1),
    (SELECT CASE WHEN pr.p_keep2 >= $2 THEN 2 WHEN pr.p_keep12 >= $2 THEN 1 ELSE 0 END
       FROM figure_prediction pr WHERE pr.figure_id = f.id)
  )`;

/** Counts per effective label (null: neither labelled nor predicted yet) and per task. */
export async function eligibilityCounts(db: Db, projectId: number, rules: EligibilityRules) {
  const rows = await db.$queryRawUnsafe<{ label: number | null; n: number }[]>(
    `SELECT eff AS label, count(*)::int AS n FROM (SELECT ${EFFECTIVE} AS eff FROM figure f WHERE f.project_id = $1) t GROUP BY eff`,
    projectId,
    rules.threshold,
  );
  const total = rows.reduce((s, r) => s + r.n, 0);
  const perTask = Object.fromEntries(
    tasks.map((t) => {
      const keep = rules[t];
      return [t, keep === null ? total : rows.filter((r) => r.label !== null && keep.includes(r.label)).reduce((s, r) => s + r.n, 0)];
    }),
  ) as Record<Task, number>;
  return { byLabel: rows, perTask, total };
}

/** The figure ids eligible for a task (generation reads this). */
export async function eligibleFigureIds(db: Db, projectId: number, task: Task, rules: EligibilityRules): Promise<number[]> {
  const keep = rules[task];
  const rows =
    keep === null
      ? await db.$queryRawUnsafe<{ id: number }[]>(`SELECT id FROM figure WHERE project_id = $1 ORDER BY id`, projectId)
      : await db.$queryRawUnsafe<{ id: number }[]>(
          `SELECT id FROM (SELECT f.id, ${EFFECTIVE} AS eff FROM figure f WHERE f.project_id = $1) t WHERE eff = ANY($3::int[]) ORDER BY id`,
          projectId,
          rules.threshold,
          keep,
        );
  return rows.map((r) => r.id);
}
