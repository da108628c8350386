import { z } from "zod";

/** The sampling parameters of a request (part of its key). */
export const requestParams = z.object({
  temperature: z.number().min(0).max(2),
  maxTokens: z.number().int().min(16).max(200_000),
});
export type RequestParams = z.infer<typeof requestParams>;
