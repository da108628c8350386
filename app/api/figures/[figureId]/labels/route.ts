import { db } from "@/lib/db/client";
import { figureParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { labelHistory } from "@/lib/labels/progress";

export const GET = route({
  role: "clinician",
  params: figureParams,
  handler: async ({ params }) => labelHistory(db(), params.figureId),
});
