import { analysisOverview } from "@/lib/analysis/service";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route({ role: "clinician", params: projectParams, handler: async ({ params }) => analysisOverview(params.projectId) });
