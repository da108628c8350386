import { runParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { runProgress } from "@/lib/generation/runs";

export const GET = route({ role: "curator", params: runParams, handler: ({ params }) => runProgress(params.runId) });
