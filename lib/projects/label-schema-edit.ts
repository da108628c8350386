import "server-only";
// Editing a project's labels when figures already carry them: a label whose
// value changes takes its figures along; a value that goes away must say
// where its figures go, else the edit is refused with their count. Labels and
// adjudications move in one transaction with the schema and the eligibility
// rules (which name values), under a lock on the project row, so two edits
// never interleave. label_event is history and keeps the values as they were
// saved; the audit entry of the edit records every move.
import type { Db } from "@/lib/db/client";
import { HttpError, notFound } from "@/lib/http/problem";
import { labelSchemaSchema, projectSettingsSchema, type LabelSchema, type LabelSchemaEdit } from "./label-schema";

export type ValueUse = { value: number; figures: number; labels: number; adjudications: number };

/** How many figures carry each value: clinicians' labels and curators' adjudications. */
export async function labelValueUse(db: Pick<Db, "$queryRawUnsafe">, projectId: number): Promise<ValueUse[]> {
  return db.$queryRawUnsafe<ValueUse[]>(
    `SELECT value, count(DISTINCT figure_id)::int AS figures,
            count(*) FILTER (WHERE src = 'l')::int AS labels, count(*) FILTER (WHERE src = 'a')::int AS adjudications
     FROM (SELECT value, figure_id, 'l' AS src FROM label WHERE project_id = $1
           UNION ALL SELECT value, figure_id, 'a' FROM adjudication WHERE project_id = $1) t
     GROUP BY value ORDER BY value`,
    projectId,
  );
}

const carried = (u: ValueUse) =>
  `${u.figures} figure${u.figures === 1 ? "" : "s"} (${[
    `${u.labels} label${u.labels === 1 ? "" : "s"}`,
    u.adjudications ? `${u.adjudications} adjudication${u.adjudications === 1 ? "" : "s"}` : "",
  ]
    .filter(Boolean)
    .join(", ")})`;

export type Move = { from: number; to: number; labels: number; adjudications: number };

export async function updateLabelSchema(db: Db, projectId: number, edit: LabelSchemaEdit) {
  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRawUnsafe<{ label_schema: unknown; settings: unknown }[]>(
      `SELECT label_schema, settings FROM project WHERE id = $1 FOR UPDATE`,
      projectId,
    );
    if (!row) throw notFound(`Project ${projectId}`);
    const before = labelSchemaSchema.parse(row.label_schema);
    const settings = projectSettingsSchema.parse(row.settings);
    const oldValues = new Set(before.labels.map((l) => l.value));
    const nameOf = (v: number) => before.labels.find((l) => l.value === v)?.name ?? String(v);

    // Where each label comes from: as sent, else its own value if the project has it and no label claims it.
    const claimed = new Set(edit.labels.flatMap((l) => (l.from === undefined ? [] : [l.from])));
    const labels = edit.labels.map((l) => ({ ...l, from: l.from ?? (oldValues.has(l.value) && !claimed.has(l.value) ? l.value : undefined) }));
    const froms = labels.flatMap((l) => (l.from === undefined ? [] : [l.from]));
    for (const l of labels) {
      if (l.from !== undefined && !oldValues.has(l.from)) {
        throw new HttpError(409, "Schema changed", `“${l.name}” was value ${l.from}, which this project no longer has; reload the page and edit again.`);
      }
    }
    if (new Set(froms).size !== froms.length) {
      throw new HttpError(400, "Invalid input", "Two labels say they were the same label; reload the page and edit again.");
    }
    const newValues = new Set(labels.map((l) => l.value));
    const removed = [...oldValues].filter((v) => !froms.includes(v));
    for (const m of edit.moves) {
      if (!removed.includes(m.from)) {
        throw new HttpError(400, "Invalid input", `Value ${m.from} is not being removed, so its figures stay with it; drop the move.`);
      }
      if (!newValues.has(m.to)) {
        throw new HttpError(400, "Invalid input", `Figures of “${nameOf(m.from)}” can only move to a label of the new schema; ${m.to} is not one.`);
      }
    }

    const use = await labelValueUse(tx, projectId);
    const usageOf = (v: number) => use.find((u) => u.value === v);
    const stranded = removed.filter((v) => (usageOf(v)?.figures ?? 0) > 0 && !edit.moves.some((m) => m.from === v));
    if (stranded.length) {
      throw new HttpError(
        409,
        "Figures carry this label",
        stranded.map((v) => `“${nameOf(v)}” (value ${v}) is on ${carried(usageOf(v)!)}`).join("; ") +
          `. Keep ${stranded.length === 1 ? "it" : "them"}, or choose the label their figures move to.`,
        { carried: stranded.map((v) => ({ ...usageOf(v)!, name: nameOf(v) })) },
      );
    }

    // Old value → new value, applied to every row at once (a swap of two values is one update).
    const map = new Map<number, number>();
    for (const l of labels) if (l.from !== undefined && l.from !== l.value) map.set(l.from, l.value);
    for (const m of edit.moves) map.set(m.from, m.to);
    const moved: Move[] = [];
    if (map.size) {
      const [from, to] = [[...map.keys()], [...map.values()]];
      for (const table of ["label", "adjudication"] as const) {
        await tx.$executeRawUnsafe(
          `UPDATE ${table} t SET value = m.to_value FROM unnest($2::int[], $3::int[]) AS m(from_value, to_value)
           WHERE t.project_id = $1 AND t.value = m.from_value`,
          projectId,
          from,
          to,
        );
      }
      for (const [f, t] of map) if (usageOf(f)) moved.push({ from: f, to: t, labels: usageOf(f)!.labels, adjudications: usageOf(f)!.adjudications });
    }

    const after: LabelSchema = { labels: labels.map(({ value, name, key, description }) => ({ value, name, key, description })) };
    // The task rules name labels by value: a rule keeps a label under its new value and drops one
    // that is gone (figures moved into another label don't widen that label's rules; new labels start outside).
    const renamed = new Map(labels.flatMap((l) => (l.from === undefined ? [] : [[l.from, l.value] as const])));
    const follow = (rule: number[] | null) => (rule === null ? null : [...new Set(rule.flatMap((v) => (renamed.has(v) ? [renamed.get(v)!] : [])))]);
    const eligibility = { ...settings.eligibility, ift: follow(settings.eligibility.ift), mcq: follow(settings.eligibility.mcq), ddx: follow(settings.eligibility.ddx) };
    await tx.project.update({ where: { id: projectId }, data: { labelSchema: after, settings: { ...settings, eligibility } } });
    return { before, after, moved, eligibility: { before: settings.eligibility, after: eligibility } };
  });
}
