import { promptParams } from "@/lib/http/params";
import { route } from "@/lib/http/route";
import { createPromptVersion, listPromptVersions, promptInput } from "@/lib/generation/prompts";

export const GET = route({ role: "curator", params: promptParams, handler: ({ params }) => listPromptVersions(params.projectId, params.task) });

export const POST = route({
  status: 201,
  role: "curator",
  params: promptParams,
  body: promptInput,
  handler: async ({ params, body, user, audit }) => {
    const v = await createPromptVersion(params.projectId, params.task, body, user.id);
    audit({ action: "prompt_version.create", entity: "prompt_version", entityId: String(v.id), after: { task: v.task, version: v.version, fewShotK: v.fewShotK, note: v.note } });
    return v;
  },
});
