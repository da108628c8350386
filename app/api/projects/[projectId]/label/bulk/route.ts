import { z } from "zod";
import { maybeRetrain } from "@/lib/analysis/service";
import { db } from "@/lib/db/client";
import { projectParams } from "@/lib/http/params";
import { HttpError } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { setLabel } from "@/lib/labels/save";
import { projectLabeling } from "@/lib/labels/service";

/** Grid mode: one key labels every selected figure. */
export const POST = route({
  role: "clinician",
  params: projectParams,
  body: z.object({
    figureIds: z.array(z.number().int().positive()).min(1).max(1_000),
    value: z.number().int(),
    requestId: z.string().min(8).max(100),
  }),
  handler: async ({ params, body, user, audit }) => {
    const inProject = await db().figure.count({ where: { id: { in: body.figureIds }, projectId: params.projectId } });
    if (inProject !== new Set(body.figureIds).size) {
      throw new HttpError(400, "Figures not in project", "Some selected figures are not in this project; reload the page.");
    }
    for (const figureId of body.figureIds) {
      await setLabel(db(), { figureId, userId: user.id, value: body.value, requestId: `${body.requestId}:${figureId}` });
    }
    await maybeRetrain(params.projectId, (await projectLabeling(params.projectId)).settings.retrainEvery);
    audit({ action: "label.bulk", entity: "project", entityId: params.projectId, after: { value: body.value, figureIds: body.figureIds } });
    return { labelled: body.figureIds.length };
  },
});
