// A project row, made the way lib/projects/service.ts makes one (that module
// is server-only, so scripts cannot import it).
import { db } from "@/lib/db/client";
import { defaultLabelSchema, projectSettingsSchema } from "@/lib/projects/label-schema";

export async function makeProject(slug: string, name: string): Promise<number> {
  const p = await db().project.create({
    data: { slug, name, labelSchema: defaultLabelSchema, settings: projectSettingsSchema.parse({}) },
    select: { id: true },
  });
  return p.id;
}
