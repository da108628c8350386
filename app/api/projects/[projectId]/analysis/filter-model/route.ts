import { startFilterModel } from "@/lib/analysis/service";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const POST = route({
  status: 202,
  role: "curator",
  params: projectParams,
  handler: async ({ params, user, audit }) => {
    const run = await startFilterModel(params.projectId, user.id);
    audit({ action: "analysis.filter_model", entity: "analysis_run", entityId: run.id, after: { projectId: params.projectId } });
    return run;
  },
});
