import { z } from "zod";
import { id, runParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { listSamples } from "@/lib/generation/runs";

export const GET = route({
  role: "curator",
  params: runParams,
  query: z.object({ after: id.optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
  handler: ({ params, query }) => listSamples(params.runId, query),
});
