import { describe, expect, it } from "vitest";
import { buildRequest } from "./request";
import { taskKinds, tasks, type TaskTypes } from "./registry";
import type { TaskKind } from "./schemas";
import { seedFrom } from "./seed";

describe("default few-shot libraries", () => {
  it.each(taskKinds)("%s: at least 6 synthetic examples, unique ids, each passes every check", (kind) => {
    const library = tasks[kind].defaultFewShots;
    expect(library.length).toBeGreaterThanOrEqual(6);
    expect(new Set(library.map((e) => e.id)).size).toBe(library.length);
    for (const example of library) {
      expect(example.id).toMatch(new RegExp(`^synthetic-${kind}-\\d+$`));
      expect(tasks[kind].check(example.output), example.id).toEqual([]);
    }
  });

  it("MCQ examples do not all put the answer in the same position", () => {
    const positions = new Set(tasks.mcq.defaultFewShots.map((e) => e.output.correct_option_index));
    expect(positions.size).toBeGreaterThanOrEqual(3);
  });
});

describe("default system prompts", () => {
  it("state each task's key rules", () => {
    expect(tasks.ift.defaultSystemPrompt).toMatch(/answerable by looking at the image/);
    expect(tasks.ift.defaultSystemPrompt).toMatch(/Never mention or hint at the caption/);
    expect(tasks.mcq.defaultSystemPrompt).toMatch(/board-style/);
    expect(tasks.mcq.defaultSystemPrompt).toMatch(/no letters/);
    expect(tasks.ddx.defaultSystemPrompt).toMatch(/most likely first/);
  });
});

/** What a worker does with a reply; generic in the kind, so no casts are needed. */
function finish<K extends TaskKind>(kind: K, raw: unknown, sampleId: string) {
  const task = tasks[kind];
  const stored: TaskTypes[K]["stored"] = task.finalize(task.outputSchema.parse(raw), sampleId);
  return { stored, conversation: task.toConversation(stored, 5) };
}

describe("one sample through the registry", () => {
  it.each(taskKinds)("%s: request → check → finalize → conversation", (kind) => {
    const task = tasks[kind];
    const request = buildRequest({
      task: kind,
      k: 4,
      seed: seedFrom(`run-1:${kind}:figure-9`),
      figure: { figLabel: "Figure 1", caption: "A caption.", mentions: [] },
      image: { mediaType: "image/jpeg", base64: "/9j/" },
    });
    expect(request.fewShotIds).toHaveLength(4);
    // Stand in for a model's reply with an example's JSON, as a provider would return it.
    const raw: unknown = JSON.parse(JSON.stringify(task.defaultFewShots[0]!.output));
    expect(task.check(raw)).toEqual([]);
    const { stored, conversation } = finish(kind, raw, "sample-9");
    expect(task.storedSchema.safeParse(stored).success).toBe(true);
    expect(conversation.turns[0]!.role).toBe("user");
    expect(conversation.turns.at(-1)!.role).toBe("assistant");
  });
});
