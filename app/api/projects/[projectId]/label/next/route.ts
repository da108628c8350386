import { db } from "@/lib/db/client";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { keepOnly } from "@/lib/labels/leases";
import { nextFigures } from "@/lib/labels/queue";
import { labelFigureSelect, nextQuery, projectLabeling } from "@/lib/labels/service";
import { similarTo } from "@/lib/labels/similar";

/**
 * The next figures to label, leased to the caller. GET because it is safe to
 * repeat, though it takes and renews leases (bookkeeping, not a write of
 * anything a person made, so not audited).
 */
export const GET = route({
  role: "clinician",
  params: projectParams,
  query: nextQuery,
  handler: async ({ params, query, user }) => {
    const p = await projectLabeling(params.projectId);
    await keepOnly(db(), user.id, query.holding);
    const similar = query.order === "similar" && query.anchor ? await similarTo(db(), query.anchor, p.extractor) : [];
    const ids = await nextFigures(
      db(),
      {
        projectId: params.projectId,
        userId: user.id,
        order: query.order,
        extractor: p.extractor,
        labelsPerFigure: p.settings.labelsPerFigure,
        count: query.n,
        holding: query.holding,
        anchor: query.anchor,
        seed: query.seed,
      },
      similar,
    );
    const figs = await db().figure.findMany({ where: { id: { in: ids } }, select: labelFigureSelect });
    const byId = new Map(figs.map((f) => [f.id, f]));
    return { items: ids.map((id) => byId.get(id)!), extractor: p.extractor, hasPca: p.hasPca };
  },
});
