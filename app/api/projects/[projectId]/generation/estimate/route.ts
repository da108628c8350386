import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { planRun, runInput } from "@/lib/generation/plan-run";

// A cost and time estimate before starting; changes nothing (a POST only to carry the form).
export const POST = route({
  role: "curator",
  readOnly: true,
  params: projectParams,
  body: runInput,
  handler: async ({ params, body }) => {
    const { estimate, eligible } = await planRun(params.projectId, body);
    return { estimate, eligible };
  },
});
