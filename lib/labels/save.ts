// Saving and undoing labels. The browser sends a request id with each
// change; a retried request is recorded once (label_event.request_id).
import type { Db } from "@/lib/db/client";
import { HttpError } from "@/lib/http/problem";
import { labelSchemaSchema } from "@/lib/projects/label-schema";

export async function setLabel(db: Db, a: { figureId: number; userId: string; value: number | null; requestId: string }) {
  const fig = await db.figure.findUnique({ where: { id: a.figureId }, select: { projectId: true } });
  if (!fig) throw new HttpError(404, "Not found", `Figure ${a.figureId} does not exist or was deleted.`);
  const before = await db.label.findUnique({ where: { figureId_userId: { figureId: a.figureId, userId: a.userId } } });
  const done = await db.$transaction(async (tx) => {
    // The schema is read under a key-share lock on the project row, which a label-schema edit's
    // FOR UPDATE (lib/projects/label-schema-edit.ts) waits for and blocks: a save landing during an
    // edit sees the edited schema, and an edit after it moves this label with the others. Read
    // before the transaction, a value the edit had just removed could still be written.
    const [project] = await tx.$queryRawUnsafe<{ label_schema: unknown }[]>(
      "SELECT label_schema FROM project WHERE id = $1 FOR KEY SHARE",
      fig.projectId,
    );
    if (a.value !== null) {
      const allowed = labelSchemaSchema.parse(project!.label_schema).labels.map((l) => l.value);
      if (!allowed.includes(a.value)) {
        throw new HttpError(400, "Unknown label", `Label ${a.value} is not in this project's schema (${allowed.join(", ")}); reload the page to get the current labels.`);
      }
    }
    const inserted = await tx.$executeRawUnsafe(
      `INSERT INTO label_event (figure_id, user_id, project_id, value, request_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (request_id) DO NOTHING`,
      a.figureId,
      a.userId,
      fig.projectId,
      a.value,
      a.requestId,
    );
    if (inserted === 0) return false; // a retry of a save already made
    if (a.value === null) {
      await tx.label.deleteMany({ where: { figureId: a.figureId, userId: a.userId } });
    } else {
      await tx.label.upsert({
        where: { figureId_userId: { figureId: a.figureId, userId: a.userId } },
        create: { figureId: a.figureId, userId: a.userId, projectId: fig.projectId, value: a.value },
        update: { value: a.value, updatedAt: new Date() },
      });
    }
    // Labelled: the lease has done its job.
    await tx.labelLease.deleteMany({ where: { figureId: a.figureId, userId: a.userId } });
    return true;
  });
  // Counts filtered by label state are out of date now (lib/figures/library.ts).
  if (done) await db.figureCountCache.deleteMany({ where: { projectId: fig.projectId, byLabel: true } });
  return { before: before?.value ?? null, after: a.value, recorded: done };
}
