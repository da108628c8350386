import { z } from "zod";
import { pcaMap } from "@/lib/analysis/service";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route({
  role: "clinician",
  params: projectParams,
  query: z.object({ extractor: z.string().min(1).max(100) }),
  handler: async ({ params, query }) => pcaMap(params.projectId, query.extractor),
});
