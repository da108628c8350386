import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { runInput } from "@/lib/generation/plan-run";
import { listRuns, startRun } from "@/lib/generation/runs";

export const GET = route({ role: "curator", params: projectParams, handler: ({ params }) => listRuns(params.projectId) });

export const POST = route({
  status: 201,
  role: "curator",
  params: projectParams,
  body: runInput,
  handler: async ({ params, body, user, audit }) => {
    const started = await startRun(params.projectId, body, user.id);
    audit({ action: "generation_run.start", entity: "generation_run", entityId: String(started.run.id), after: { ...body, requests: started.requests, skipped: started.skipped } });
    return { id: started.run.id, requests: started.requests, skipped: started.skipped, estimate: started.estimate };
  },
});

