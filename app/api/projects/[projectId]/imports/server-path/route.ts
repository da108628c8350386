import { z } from "zod";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { importFromServerPath } from "@/lib/imports/service";

export const POST = route({
  status: 201,
  role: "admin",
  params: projectParams,
  body: z.object({ path: z.string().min(1).max(4_096) }),
  handler: async ({ params, body, user, audit }) => {
    const imp = await importFromServerPath(params.projectId, body.path, user.id);
    audit({ action: "import.server_path", entity: "import", entityId: imp.id, after: { path: body.path } });
    return imp;
  },
});
