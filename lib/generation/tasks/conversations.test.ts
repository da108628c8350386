import { describe, expect, it } from "vitest";
import { ddxConversation, iftConversation, mcqConversation, mergeConversations } from "./conversations";
import { DDX_PHRASINGS } from "./ddx-phrasings";
import { ddxSample as ddx, iftSample as ift, mcqStored as mcq } from "./test-fixtures";

describe("training conversations", () => {
  it("IFT: one user and one assistant turn per pair", () => {
    expect(iftConversation(ift)).toEqual({
      turns: [
        { role: "user", text: "What modality is this?" },
        { role: "assistant", text: "Non-contrast CT." },
        { role: "user", text: "What is the finding?" },
        { role: "assistant", text: "A left epidural hematoma." },
      ],
      imageOnFirstUserTurn: true,
    });
  });

  it("MCQ: stem, blank line, options; discussion, newline, the answer", () => {
    expect(mcqConversation(mcq)).toEqual({
      turns: [
        {
          role: "user",
          text:
            "A 30-year-old man is struck on the head. What is the most likely diagnosis?\n\n" +
            "A. Subdural hematoma\nB. Epidural hematoma\nC. Contusion\nD. Subarachnoid hemorrhage",
        },
        { role: "assistant", text: "The collection is biconvex.\nAnswer: B. Epidural hematoma" },
      ],
      imageOnFirstUserTurn: true,
    });
  });

  it("DDx: a request and the one-liner; a numbered differential", () => {
    // Pinned: the seed's draw must not change between releases, or re-exports would differ.
    expect(ddxConversation(ddx, 1)).toEqual({
      turns: [
        { role: "user", text: `Which diagnoses fit these findings?\n\n${ddx.one_liner}` },
        {
          role: "assistant",
          text: "1. Meningioma\n2. Dural metastasis\n3. Solitary fibrous tumour\n4. Lymphoma\n5. Sarcoidosis",
        },
      ],
      imageOnFirstUserTurn: true,
    });
  });

  it("DDx: deterministic per seed, and varies phrasing, order and spacing across seeds", () => {
    expect(ddxConversation(ddx, 99)).toEqual(ddxConversation(ddx, 99));
    const layouts = new Set<string>();
    const phrasings = new Set<string>();
    for (let seed = 0; seed < 400; seed++) {
      const text = ddxConversation(ddx, seed).turns[0]!.text;
      const match = /^(.*?)(\n\n?)(.*)$/s.exec(text)!;
      const [first, separator, second] = [match[1]!, match[2]!, match[3]!];
      const requestFirst = second === ddx.one_liner;
      const request = requestFirst ? first : second;
      expect(DDX_PHRASINGS).toContain(request);
      expect(requestFirst ? second : first).toBe(ddx.one_liner);
      layouts.add(`${requestFirst}|${separator.length}`);
      phrasings.add(request);
    }
    expect(layouts.size).toBe(4);
    expect(phrasings.size).toBeGreaterThan(40);
  });

  it("the phrasing pool has about fifty distinct requests", () => {
    expect(DDX_PHRASINGS.length).toBeGreaterThanOrEqual(45);
    expect(new Set(DDX_PHRASINGS.map((p) => p.toLowerCase())).size).toBe(DDX_PHRASINGS.length);
  });

  it("merges one figure's DDx and IFT: the DDx exchange first", () => {
    const merged = mergeConversations(ddxConversation(ddx, 1), iftConversation(ift));
    expect(merged.imageOnFirstUserTurn).toBe(true);
    expect(merged.turns.map((t) => t.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant"]);
    expect(merged.turns[0]!.text).toContain(ddx.one_liner);
    expect(merged.turns.slice(2)).toEqual(iftConversation(ift).turns);
  });
});
