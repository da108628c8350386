// Versioned prompts: version 1 is written once even when several requests
// (the form's live estimate) ask at the same time; an edit is a new version;
// a few-shot answer that does not fit the task is refused with the reason.
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createPromptVersion, currentPrompts } from "@/lib/generation/prompts";
import { tasks } from "@/lib/generation/tasks";
import { createProject } from "@/lib/projects/service";
import { makeUser } from "../helpers/users";

describe("prompt versions", () => {
  it("writes version 1 once under concurrent first use, then each edit is a new version", async () => {
    const project = await createProject({ name: "prompts", description: "" }, null);
    const all = await Promise.all(Array.from({ length: 6 }, () => currentPrompts(project.id, ["mcq", "ddx"])));
    expect(new Set(all.map((p) => p.mcq!.id)).size).toBe(1);
    expect(await db().promptVersion.count({ where: { projectId: project.id } })).toBe(2);
    const user = await makeUser("curator");
    const v2 = await createPromptVersion(
      project.id,
      "mcq",
      { systemPrompt: `${tasks.mcq.defaultSystemPrompt}\nPrefer neuro-oncology vignettes.`, fewShots: tasks.mcq.defaultFewShots.map((f) => ({ ...f, figure: { ...f.figure, mentions: [...f.figure.mentions] } })), fewShotK: 2, note: "oncology" },
      user.id,
    );
    expect(v2.version).toBe(2);
    expect((await currentPrompts(project.id, ["mcq"])).mcq!.id).toBe(v2.id);
  });

  it("refuses a few-shot example whose answer does not fit the task", async () => {
    const project = await createProject({ name: "prompts bad", description: "" }, null);
    const user = await makeUser("curator");
    const bad = { id: "x1", figure: { figLabel: "Figure 1", caption: "An axial CT.", mentions: [] }, output: { question_stem: "Which?", options: ["A"], correct_option_index: 0, discussion: "" } };
    await expect(
      createPromptVersion(project.id, "mcq", { systemPrompt: tasks.mcq.defaultSystemPrompt, fewShots: [bad], fewShotK: 1, note: "" }, user.id),
    ).rejects.toThrow(/Example 1 \(x1\)/);
  });
});
