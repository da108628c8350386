import { route } from "@/lib/http/route";
import { createProject, createProjectInput, listProjects } from "@/lib/projects/service";

export const GET = route({ role: "clinician", handler: async () => listProjects() });

export const POST = route({
  status: 201,
  role: "admin",
  body: createProjectInput,
  handler: async ({ body, user, audit }) => {
    const p = await createProject(body, user.id);
    audit({ action: "project.create", entity: "project", entityId: p.id, after: p });
    return p;
  },
});
