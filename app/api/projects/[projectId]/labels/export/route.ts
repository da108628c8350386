import { db } from "@/lib/db/client";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

const cell = (v: unknown) => {
  const s = v === null || v === undefined ? "" : v instanceof Date ? v.toISOString() : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** Every current label of the project as CSV, one row per figure and labeller. */
export const GET = route({
  role: "clinician",
  params: projectParams,
  handler: async ({ params }) => {
    const rows = await db().$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT f.custom_id, f.fig_label, a.handle AS paper, a.journal, u.email AS labeller, l.value, l.updated_at
       FROM label l JOIN figure f ON f.id = l.figure_id JOIN article a ON a.id = f.article_id JOIN "user" u ON u.id = l.user_id
       WHERE l.project_id = $1 ORDER BY f.id, u.email`,
      params.projectId,
    );
    const cols = ["custom_id", "fig_label", "paper", "journal", "labeller", "value", "updated_at"];
    const csv = [cols.join(","), ...rows.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\n") + "\n";
    return new Response(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="labels-project-${params.projectId}.csv"` },
    });
  },
});
