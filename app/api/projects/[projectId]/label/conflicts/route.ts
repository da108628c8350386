import { db } from "@/lib/db/client";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { conflicts } from "@/lib/labels/agreement";

export const GET = route({ role: "curator", params: projectParams, handler: async ({ params }) => conflicts(db(), params.projectId) });
