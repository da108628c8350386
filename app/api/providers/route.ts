import { listProviders } from "@/lib/llm/providers";
import { route } from "@/lib/http/route";

// Curators choose providers for a run: names, models, limits and prices; never keys.
export const GET = route({ role: "curator", handler: async () => (await listProviders()).filter((p) => p.enabled) });
