import { articleQuery, searchArticles } from "@/lib/figures/library";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route({
  role: "clinician",
  params: projectParams,
  query: articleQuery,
  handler: async ({ params, query }) => searchArticles(params.projectId, query),
});
