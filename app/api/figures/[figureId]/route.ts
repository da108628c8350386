import { getFigure } from "@/lib/figures/library";
import { figureParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const GET = route({ role: "clinician", params: figureParams, handler: async ({ params }) => getFigure(params.figureId) });
