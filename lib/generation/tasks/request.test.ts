import { describe, expect, it } from "vitest";
import type { FewShot } from "./figure-text";
import { buildRequest, type BuildRequestInput } from "./request";
import { tasks } from "./registry";
import { seedFrom } from "./seed";

const figure = {
  figLabel: "Figure 3",
  caption: "Axial FLAIR MRI showing\na right temporal lesion.",
  mentions: ["The lesion was resected (Figure 3).", "  ", "Seizures stopped\n after surgery."],
};
const image = { mediaType: "image/png" as const, base64: "iVBORw0KGgo=" };

const library: FewShot[] = Array.from({ length: 8 }, (_, i) => ({
  id: `ex-${i}`,
  figure: { figLabel: `Figure ${i + 1}`, caption: `Caption ${i}`, mentions: [] },
  output: { n: i },
}));

const input = (over: Partial<BuildRequestInput> = {}): BuildRequestInput => ({
  task: "ddx",
  systemPrompt: "SYSTEM",
  fewShots: library,
  k: 4,
  seed: 42,
  figure,
  image,
  ...over,
});

describe("buildRequest", () => {
  it("puts k text-only example pairs first, then the image, then the figure text", () => {
    const request = buildRequest(input());
    expect(request.system).toBe("SYSTEM");
    expect(request.messages).toHaveLength(9);
    expect(request.fewShotIds).toHaveLength(4);
    request.fewShotIds.forEach((id, i) => {
      const n = Number(id.slice(3));
      expect(request.messages[2 * i]).toEqual({
        role: "user",
        content: [{ type: "text", text: `Figure Caption:\nFigure ${n + 1}: Caption ${n}` }],
      });
      expect(request.messages[2 * i + 1]).toEqual({ role: "assistant", content: [{ type: "text", text: `{"n":${n}}` }] });
    });
    expect(request.messages[8]).toEqual({
      role: "user",
      content: [
        { type: "image", mediaType: "image/png", base64: "iVBORw0KGgo=" },
        {
          type: "text",
          text:
            "Figure Caption:\nFigure 3: Axial FLAIR MRI showing a right temporal lesion.\n\n" +
            "Figure Context:\n- The lesion was resected (Figure 3).\n- Seizures stopped after surgery.",
        },
      ],
    });
  });

  it("leaves out the context section when there are no mentions", () => {
    for (const mentions of [[], ["", " \n"]]) {
      const last = buildRequest(input({ k: 0, figure: { ...figure, mentions } })).messages.at(-1)!;
      expect(last.content[1]).toEqual({ type: "text", text: "Figure Caption:\nFigure 3: Axial FLAIR MRI showing a right temporal lesion." });
    }
  });

  it("is deterministic for a seed and varies the draw across seeds", () => {
    expect(buildRequest(input())).toEqual(buildRequest(input()));
    const draws = new Set(Array.from({ length: 20 }, (_, seed) => buildRequest(input({ seed })).fewShotIds.join(",")));
    expect(draws.size).toBeGreaterThan(10);
    const ids = buildRequest(input({ seed: 7 })).fewShotIds;
    expect(new Set(ids).size).toBe(4);
  });

  it("uses every example when k exceeds the library, none when k = 0, and refuses a bad k", () => {
    expect(buildRequest(input({ k: 50 })).fewShotIds.sort()).toEqual(library.map((e) => e.id).sort());
    expect(buildRequest(input({ k: 0 })).messages).toHaveLength(1);
    expect(() => buildRequest(input({ k: -1 }))).toThrow(RangeError);
    expect(() => buildRequest(input({ k: 1.5 }))).toThrow(RangeError);
  });

  it("falls back to the task's own prompt and examples", () => {
    const request = buildRequest({ task: "mcq", k: 4, seed: 1, figure, image });
    expect(request.system).toBe(tasks.mcq.defaultSystemPrompt);
    const known = new Set(tasks.mcq.defaultFewShots.map((e) => e.id));
    expect(request.fewShotIds.every((id) => known.has(id))).toBe(true);
    const first = tasks.mcq.defaultFewShots.find((e) => e.id === request.fewShotIds[0])!;
    expect(JSON.parse((request.messages[1]!.content[0] as { text: string }).text)).toEqual(first.output);
  });
});

describe("seedFrom", () => {
  it("is the first 4 bytes of SHA-256, big-endian", () => {
    // sha256("abc") = ba7816bf 8f01cfea …
    expect(seedFrom("abc")).toBe(0xba7816bf);
    expect(seedFrom("")).toBe(0xe3b0c442);
  });
});
