import { importParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { getImport } from "@/lib/imports/service";

export const GET = route({ role: "curator", params: importParams, handler: async ({ params }) => getImport(params.importId) });
