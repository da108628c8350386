import { importParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { startUpload } from "@/lib/imports/service";

export const POST = route({
  role: "curator",
  params: importParams,
  handler: async ({ params, audit }) => {
    const imp = await startUpload(params.importId);
    audit({ action: "import.start", entity: "import", entityId: imp.id, before: { status: "uploading" }, after: { status: imp.status } });
    return imp;
  },
});
