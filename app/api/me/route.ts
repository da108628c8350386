import { route } from "@/lib/http/route";

export const GET = route({ role: "clinician", handler: async ({ user }) => user });
