import { z } from "zod";

// Path parameters shared by many routes.
export const id = z.coerce.number().int().positive();
export const projectParams = z.object({ projectId: id });
export const importParams = z.object({ importId: id });
export const figureParams = z.object({ figureId: id });
export const userParams = z.object({ userId: z.string().min(1).max(100) });
export const providerParams = z.object({ providerId: id });
export const runParams = z.object({ runId: id });
export const promptParams = z.object({ projectId: id, task: z.enum(["ift", "mcq", "ddx"]) });
