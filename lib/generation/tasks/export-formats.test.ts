import { describe, expect, it } from "vitest";
import { iftConversation } from "./conversations";
import { hfChatItemSchema, llavaItemSchema, toHfChat, toLlava } from "./export-formats";
import { iftSample } from "./test-fixtures";

const conversation = iftConversation(iftSample);

describe("export formats", () => {
  it("LLaVA: <image> opens the first human turn only", () => {
    const item = toLlava(conversation, { id: "fig-7-ift", image: "ab/abcdef.jpg" });
    expect(item).toEqual({
      id: "fig-7-ift",
      image: "ab/abcdef.jpg",
      conversations: [
        { from: "human", value: "<image>\nWhat modality is this?" },
        { from: "gpt", value: "Non-contrast CT." },
        { from: "human", value: "What is the finding?" },
        { from: "gpt", value: "A left epidural hematoma." },
      ],
    });
    expect(llavaItemSchema.parse(item)).toEqual(item);
  });

  it("Hugging Face chat: an image part before the first user text, the path in images", () => {
    const item = toHfChat(conversation, "images/ab/abcdef.jpg");
    expect(item).toEqual({
      messages: [
        { role: "user", content: [{ type: "image" }, { type: "text", text: "What modality is this?" }] },
        { role: "assistant", content: [{ type: "text", text: "Non-contrast CT." }] },
        { role: "user", content: [{ type: "text", text: "What is the finding?" }] },
        { role: "assistant", content: [{ type: "text", text: "A left epidural hematoma." }] },
      ],
      images: ["images/ab/abcdef.jpg"],
    });
    expect(hfChatItemSchema.parse(item)).toEqual(item);
  });
});
