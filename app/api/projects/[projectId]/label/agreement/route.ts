import { db } from "@/lib/db/client";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { agreement } from "@/lib/labels/agreement";
import { projectLabeling } from "@/lib/labels/service";

export const GET = route({
  role: "clinician",
  params: projectParams,
  handler: async ({ params }) => {
    const p = await projectLabeling(params.projectId);
    return agreement(db(), params.projectId, p.labelSchema.labels.map((l) => l.value));
  },
});
