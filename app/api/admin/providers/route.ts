import { createProvider, listProviders, providerInput } from "@/lib/llm/providers";
import { route } from "@/lib/http/route";

export const GET = route({ role: "admin", handler: () => listProviders() });

export const POST = route({
  status: 201,
  role: "admin",
  body: providerInput,
  handler: async ({ body, audit }) => {
    const p = await createProvider(body);
    // The audit keeps the settings, never the key (publicProvider drops it).
    audit({ action: "provider.create", entity: "provider", entityId: String(p.id), after: p });
    return p;
  },
});
