import { z } from "zod";
import { id } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { cancelRun, pauseRun, resumeRun, retryFailed } from "@/lib/generation/runs";

// pause | resume | cancel | retry-failed: one verb per URL, each audited.
export const POST = route({
  role: "curator",
  params: z.object({ runId: id, action: z.enum(["pause", "resume", "cancel", "retry-failed"]) }),
  body: z.object({ budgetUsd: z.number().positive().max(1_000_000).nullable().optional() }),
  handler: async ({ params, body, audit }) => {
    const { runId, action } = params;
    const result =
      action === "pause"
        ? await pauseRun(runId)
        : action === "resume"
          ? await resumeRun(runId, body.budgetUsd)
          : action === "cancel"
            ? await cancelRun(runId)
            : await retryFailed(runId);
    audit({ action: `generation_run.${action}`, entity: "generation_run", entityId: String(runId), after: { ...body } });
    return result;
  },
});
