import { db } from "@/lib/db/client";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { labelProgress } from "@/lib/labels/progress";
import { projectLabeling } from "@/lib/labels/service";

export const GET = route({
  role: "clinician",
  params: projectParams,
  handler: async ({ params, user }) => {
    const p = await projectLabeling(params.projectId);
    return labelProgress(db(), params.projectId, user.id, p.settings.labelsPerFigure);
  },
});
