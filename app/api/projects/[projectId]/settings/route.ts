import { db } from "@/lib/db/client";
import { projectParams } from "@/lib/http/params";
import { notFound } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { projectSettingsPatch, projectSettingsSchema } from "@/lib/projects/label-schema";

/** Labels per figure, retraining cadence and task eligibility rules. */
export const PATCH = route({
  role: "curator",
  params: projectParams,
  body: projectSettingsPatch,
  handler: async ({ params, body, audit }) => {
    const p = await db().project.findUnique({ where: { id: params.projectId }, select: { settings: true } });
    if (!p) throw notFound(`Project ${params.projectId}`);
    const before = projectSettingsSchema.parse(p.settings);
    const after = projectSettingsSchema.parse({ ...before, ...body, eligibility: { ...before.eligibility, ...body.eligibility } });
    await db().project.update({ where: { id: params.projectId }, data: { settings: after } });
    audit({ action: "project.settings", entity: "project", entityId: params.projectId, before, after });
    return after;
  },
});
