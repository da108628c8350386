// The two file formats people train with. Both carry one image per
// conversation, attached to the first user turn.
import { z } from "zod";
import type { Conversation } from "./conversations";

export const llavaItemSchema = z.object({
  id: z.string(),
  image: z.string(),
  conversations: z.array(z.object({ from: z.enum(["human", "gpt"]), value: z.string() })),
});

const hfContentSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("image") }),
  z.object({ type: z.literal("text"), text: z.string() }),
]);

export const hfChatItemSchema = z.object({
  messages: z.array(z.object({ role: z.enum(["user", "assistant"]), content: z.array(hfContentSchema) })),
  images: z.array(z.string()),
});

export type LlavaItem = z.infer<typeof llavaItemSchema>;
export type HfChatItem = z.infer<typeof hfChatItemSchema>;

/** LLaVA JSON: "<image>\n" opens the first human turn. */
export function toLlava(conversation: Conversation, { id, image }: { id: string; image: string }): LlavaItem {
  let imagePlaced = false;
  return {
    id,
    image,
    conversations: conversation.turns.map(({ role, text }) => {
      if (role === "assistant") return { from: "gpt", value: text };
      const value = imagePlaced ? text : `<image>\n${text}`;
      imagePlaced = true;
      return { from: "human", value };
    }),
  };
}

/** Hugging Face chat format: an image placeholder before the first user text, the file in `images`. */
export function toHfChat(conversation: Conversation, imagePath: string): HfChatItem {
  let imagePlaced = false;
  return {
    messages: conversation.turns.map(({ role, text }) => {
      const textPart = { type: "text" as const, text };
      if (role === "assistant" || imagePlaced) return { role, content: [textPart] };
      imagePlaced = true;
      return { role, content: [{ type: "image" as const }, textPart] };
    }),
    images: [imagePath],
  };
}
