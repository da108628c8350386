import { libraryQuery, listFigures } from "@/lib/figures/library";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route({
  role: "clinician",
  params: projectParams,
  query: libraryQuery,
  handler: async ({ params, query }) => listFigures(params.projectId, query),
});
