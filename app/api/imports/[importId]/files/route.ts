import { z } from "zod";
import { importParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { fileNameSchema, receiveFile } from "@/lib/imports/service";

/** The raw file is the request body, streamed to disk as it arrives. */
export const PUT = route({
  role: "curator",
  params: importParams,
  query: z.object({ name: fileNameSchema }),
  handler: async ({ params, query, req, audit }) => {
    const r = await receiveFile(params.importId, query.name, req.body);
    audit({ action: "import.file", entity: "import", entityId: params.importId, after: r });
    return r;
  },
});
