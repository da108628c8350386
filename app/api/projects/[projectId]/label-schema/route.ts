import { db } from "@/lib/db/client";
import { projectParams } from "@/lib/http/params";
import { notFound } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { labelSchemaEdit, labelSchemaSchema } from "@/lib/projects/label-schema";
import { labelValueUse, updateLabelSchema } from "@/lib/projects/label-schema-edit";

/** The project's labels and how many figures carry each value (the editor warns before a removal). */
export const GET = route({
  role: "clinician",
  params: projectParams,
  handler: async ({ params }) => {
    const p = await db().project.findUnique({ where: { id: params.projectId }, select: { labelSchema: true } });
    if (!p) throw notFound(`Project ${params.projectId}`);
    return { labels: labelSchemaSchema.parse(p.labelSchema).labels, use: await labelValueUse(db(), params.projectId) };
  },
});

/** Replaces the labels: names, keys, values; figures follow their label, removed values need a move. */
export const PUT = route({
  role: "curator",
  params: projectParams,
  body: labelSchemaEdit,
  handler: async ({ params, body, audit }) => {
    const r = await updateLabelSchema(db(), params.projectId, body);
    audit({
      action: "project.labelSchema",
      entity: "project",
      entityId: params.projectId,
      before: { labels: r.before.labels, eligibility: r.eligibility.before },
      after: { labels: r.after.labels, eligibility: r.eligibility.after, moved: r.moved },
    });
    return { labels: r.after.labels, moved: r.moved, eligibility: r.eligibility.after };
  },
});
