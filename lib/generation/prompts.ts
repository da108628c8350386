import "server-only";
// Versioned prompts per project and task. A version never changes once
// written: request keys include it, so an edit (system prompt, few-shot
// library, k) is a new version and new requests.
import { z } from "zod";
import { db, type GenerationTask, type PromptVersion } from "@/lib/db/client";
import { HttpError } from "@/lib/http/problem";
import { tasks } from "./tasks";

const figureText = z.object({
  figLabel: z.string().max(200),
  caption: z.string().min(1).max(20_000),
  mentions: z.array(z.string().max(5_000)).max(50),
});

export const promptInput = z.object({
  systemPrompt: z.string().trim().min(20, "write a system prompt of at least a sentence").max(50_000),
  fewShots: z
    .array(z.object({ id: z.string().trim().min(1).max(80), figure: figureText, output: z.unknown() }))
    .max(200),
  fewShotK: z.number().int().min(0).max(20),
  note: z.string().max(500).default(""),
});
export type PromptInput = z.infer<typeof promptInput>;

/** The latest version of each task's prompt; version 1 (our defaults) is written on first use. */
export async function currentPrompts(projectId: number, kinds: readonly GenerationTask[]): Promise<Record<string, PromptVersion>> {
  const out: Record<string, PromptVersion> = {};
  for (const task of kinds) {
    const latest = () => db().promptVersion.findFirst({ where: { projectId, task }, orderBy: { version: "desc" } });
    let found = await latest();
    if (!found) {
      // Two requests may get here at once (the estimate refreshes as a form
      // changes): skipDuplicates makes the second insert a no-op, not an error.
      await db().promptVersion.createMany({
        data: [
          {
            projectId,
            task,
            version: 1,
            systemPrompt: tasks[task].defaultSystemPrompt,
            fewShots: structuredClone(tasks[task].defaultFewShots) as object[],
            fewShotK: 4,
            note: "Built-in prompt and few-shot library",
          },
        ],
        skipDuplicates: true,
      });
      found = (await latest())!;
    }
    out[task] = found;
  }
  return out;
}

export async function listPromptVersions(projectId: number, task: GenerationTask) {
  await currentPrompts(projectId, [task]);
  return db().promptVersion.findMany({
    where: { projectId, task },
    orderBy: { version: "desc" },
    include: { createdBy: { select: { name: true } } },
  });
}

export async function createPromptVersion(projectId: number, task: GenerationTask, input: PromptInput, userId: string) {
  // Every few-shot answer must be one the task accepts: the model copies their shape.
  input.fewShots.forEach((f, i) => {
    const problems = tasks[task].check(f.output).filter((p) => p.code === "schema");
    if (problems.length) {
      throw new HttpError(400, "Few-shot example does not fit the task", `Example ${i + 1} (${f.id}): ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
    }
  });
  if (new Set(input.fewShots.map((f) => f.id)).size !== input.fewShots.length) {
    throw new HttpError(400, "Duplicate example ids", "Give every few-shot example its own id.");
  }
  const current = await currentPrompts(projectId, [task]);
  return db().promptVersion.create({
    data: { projectId, task, version: current[task]!.version + 1, ...input, fewShots: input.fewShots as object[], createdById: userId },
  });
}
