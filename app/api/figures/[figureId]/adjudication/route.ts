import { z } from "zod";
import { db } from "@/lib/db/client";
import { figureParams } from "@/lib/http/params";
import { HttpError, notFound } from "@/lib/http/problem";
import { route } from "@/lib/http/route";
import { labelSchemaSchema } from "@/lib/projects/label-schema";

/** A curator settles a conflict: this value wins over the clinicians' labels. */
export const PUT = route({
  role: "curator",
  params: figureParams,
  body: z.object({ value: z.number().int() }),
  handler: async ({ params, body, user, audit }) => {
    const fig = await db().figure.findUnique({ where: { id: params.figureId }, select: { projectId: true, project: { select: { labelSchema: true } } } });
    if (!fig) throw notFound(`Figure ${params.figureId}`);
    const allowed = labelSchemaSchema.parse(fig.project.labelSchema).labels.map((l) => l.value);
    if (!allowed.includes(body.value)) throw new HttpError(400, "Unknown label", `Use one of ${allowed.join(", ")}.`);
    const before = await db().adjudication.findUnique({ where: { figureId: params.figureId } });
    const after = await db().adjudication.upsert({
      where: { figureId: params.figureId },
      create: { figureId: params.figureId, projectId: fig.projectId, value: body.value, userId: user.id },
      update: { value: body.value, userId: user.id, at: new Date() },
    });
    audit({ action: "label.adjudicate", entity: "figure", entityId: params.figureId, before, after });
    return after;
  },
});
