import { z } from "zod";
import { projectParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { beginUpload, fileNameSchema, listImports } from "@/lib/imports/service";

export const GET = route({
  role: "curator",
  params: projectParams,
  handler: async ({ params }) => listImports(params.projectId),
});

/** Begins a browser upload; the files follow with PUT /api/imports/:id/files. */
export const POST = route({
  status: 201,
  role: "curator",
  params: projectParams,
  body: z.object({ files: z.array(fileNameSchema).min(1).max(10_000) }),
  handler: async ({ params, body, user, audit }) => {
    const imp = await beginUpload(params.projectId, body.files, user.id);
    audit({ action: "import.begin", entity: "import", entityId: imp.id, after: { files: body.files } });
    return imp;
  },
});
