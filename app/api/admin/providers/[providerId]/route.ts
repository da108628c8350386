import { providerPatch, updateProvider } from "@/lib/llm/providers";
import { providerParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";

export const PATCH = route({
  role: "admin",
  params: providerParams,
  body: providerPatch,
  handler: async ({ params, body, audit }) => {
    const { before, after } = await updateProvider(params.providerId, body);
    audit({ action: "provider.update", entity: "provider", entityId: String(after.id), before, after });
    return after;
  },
});
