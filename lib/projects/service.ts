import "server-only";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/http/problem";
import { checkedLabelSchema, defaultLabelSchema, projectSettingsSchema } from "./label-schema";

export const createProjectInput = z.object({
  name: z.string().trim().min(2).max(120),
  slug: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "use 2–63 lowercase letters, digits and dashes")
    .optional(),
  description: z.string().max(2_000).default(""),
  labelSchema: checkedLabelSchema.optional(),
});

const select = { id: true, slug: true, name: true, description: true, labelSchema: true, settings: true, createdAt: true } as const;

export async function listProjects() {
  const projects = await db().project.findMany({ select, orderBy: { id: "asc" } });
  const counts = await db().figure.groupBy({ by: ["projectId"], _count: { _all: true } });
  const byId = new Map(counts.map((c) => [c.projectId, c._count._all]));
  return projects.map((p) => ({ ...p, figureCount: byId.get(p.id) ?? 0 }));
}

export async function getProject(id: number) {
  const p = await db().project.findUnique({ where: { id }, select });
  if (!p) throw notFound(`Project ${id}`);
  return p;
}

export async function createProject(input: z.infer<typeof createProjectInput>, userId: string | null) {
  const slug = input.slug ?? slugify(input.name);
  return db().project.create({
    data: {
      name: input.name,
      slug,
      description: input.description,
      labelSchema: input.labelSchema ?? defaultLabelSchema,
      settings: projectSettingsSchema.parse({}),
      createdById: userId,
    },
    select,
  });
}

export function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 63) || "project"
  );
}

/** The project a page was asked for (?project=ID), else the first one; null when there are none. */
export async function pickProject(searchParams: Promise<{ project?: string }>) {
  const projects = await listProjects();
  const wanted = Number((await searchParams).project);
  return { projects, project: projects.find((p) => p.id === wanted) ?? projects[0] ?? null };
}
