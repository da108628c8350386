import { db } from "@/lib/db/client";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { eligibilityCounts } from "@/lib/labels/eligibility";
import { projectLabeling } from "@/lib/labels/service";

export const GET = route({
  role: "clinician",
  params: projectParams,
  handler: async ({ params }) => {
    const p = await projectLabeling(params.projectId);
    return { rules: p.settings.eligibility, labelsPerFigure: p.settings.labelsPerFigure, ...(await eligibilityCounts(db(), params.projectId, p.settings.eligibility)) };
  },
});
