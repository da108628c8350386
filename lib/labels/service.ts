import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/problem";
import { labelSchemaSchema, projectSettingsSchema } from "@/lib/projects/label-schema";
import { orderSchema } from "./queue";

export const BUILTIN_EXTRACTOR = "builtin-v1";

export const nextQuery = z.object({
  order: orderSchema.default("pc1"),
  n: z.coerce.number().int().min(1).max(50).default(12),
  holding: z
    .string()
    .regex(/^(\d+(,\d+)*)?$/, "a comma-separated list of figure ids")
    .default("")
    .transform((s) => (s ? s.split(",").map(Number) : [])),
  anchor: z.coerce.number().int().positive().optional(),
  seed: z.string().max(64).optional(),
});

export const labelBody = z.object({
  value: z.number().int().nullable(),
  requestId: z.string().min(8).max(100),
});

export async function projectLabeling(projectId: number) {
  const p = await db().project.findUnique({ where: { id: projectId }, select: { id: true, labelSchema: true, settings: true } });
  if (!p) throw notFound(`Project ${projectId}`);
  // The extractor whose PCA orders labeling: the latest finished PCA run's.
  const pca = await db().analysisRun.findFirst({
    where: { projectId, kind: "pca", status: { in: ["succeeded", "partial"] } },
    orderBy: { id: "desc" },
    select: { extractor: true },
  });
  return {
    labelSchema: labelSchemaSchema.parse(p.labelSchema),
    settings: projectSettingsSchema.parse(p.settings),
    extractor: pca?.extractor ?? BUILTIN_EXTRACTOR,
    hasPca: Boolean(pca),
  };
}

export const labelFigureSelect = {
  id: true,
  customId: true,
  figLabel: true,
  caption: true,
  mentions: true,
  imageHash: true,
  imageMissing: true,
  width: true,
  height: true,
  article: { select: { title: true, journal: true, handle: true } },
} as const;
