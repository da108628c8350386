import { maybeRetrain } from "@/lib/analysis/service";
import { db } from "@/lib/db/client";
import { figureParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { setLabel } from "@/lib/labels/save";
import { projectLabeling } from "@/lib/labels/service";
import { labelBody } from "@/lib/labels/service";

/** Sets (value) or clears (null, for undo) the caller's label on a figure. */
export const PUT = route({
  role: "clinician",
  params: figureParams,
  body: labelBody,
  handler: async ({ params, body, user, audit }) => {
    const r = await setLabel(db(), { figureId: params.figureId, userId: user.id, ...body });
    const projectId = (await db().figure.findUniqueOrThrow({ where: { id: params.figureId }, select: { projectId: true } })).projectId;
    await maybeRetrain(projectId, (await projectLabeling(projectId)).settings.retrainEvery);
    audit({ action: "label.set", entity: "figure", entityId: params.figureId, before: { value: r.before }, after: { value: r.after } });
    return r;
  },
});
