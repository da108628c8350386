// Editing a project's labels: names, keys and values change with checks a
// person can act on; figures follow their label to a new value; a value that
// figures carry is only removed with a move to another label.
import { beforeEach, describe, expect, it } from "vitest";
import * as schemaRoute from "@/app/api/projects/[projectId]/label-schema/route";
import * as labelRoute from "@/app/api/figures/[figureId]/label/route";
import pg from "pg";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { defaultLabelSchema, labelSchemaProblems, projectSettingsSchema, type LabelSchema } from "@/lib/projects/label-schema";
import { createProject } from "@/lib/projects/service";
import { insertCaptionOnlyFigures } from "../helpers/figures";
import { makeUser, type TestUser } from "../helpers/users";

let curator: TestUser;
let clinician: TestUser;
let projectId: number;
let figures: number[];

beforeEach(async () => {
  curator ??= await makeUser("curator");
  clinician ??= await makeUser("clinician");
  projectId = (await createProject({ name: `schema ${Math.random()}`, description: "" }, null)).id;
  figures = await insertCaptionOnlyFigures(projectId, 6);
  // Figures 0–2 labelled 2 by the clinician, 3 labelled 1; figure 4 adjudicated 1; figure 5 unlabelled.
  await db().label.createMany({ data: [2, 2, 2, 1].map((value, i) => ({ figureId: figures[i]!, userId: clinician.id, projectId, value })) });
  await db().adjudication.create({ data: { figureId: figures[4]!, projectId, value: 1, userId: curator.id } });
});

const pp = () => ({ params: Promise.resolve({ projectId: String(projectId) }) });
const put = (body: unknown, u: TestUser = curator) =>
  schemaRoute.PUT(
    new Request(`http://localhost/api/projects/${projectId}/label-schema`, {
      method: "PUT",
      headers: { cookie: u.cookie, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    pp(),
  );
const labelsOf = async () => new Map((await db().label.findMany({ where: { projectId }, orderBy: { figureId: "asc" } })).map((l) => [l.figureId, l.value]));
const stored = async () => {
  const p = await db().project.findUniqueOrThrow({ where: { id: projectId } });
  return { schema: p.labelSchema as LabelSchema, settings: projectSettingsSchema.parse(p.settings) };
};
const [imaging, interesting, discard] = defaultLabelSchema.labels as [LabelSchema["labels"][0], LabelSchema["labels"][0], LabelSchema["labels"][0]];

describe("reading", () => {
  it("gives the labels and how many figures carry each value", async () => {
    const res = await schemaRoute.GET(new Request(`http://localhost/api/projects/${projectId}/label-schema`, { headers: { cookie: clinician.cookie } }), pp());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { labels: unknown[]; use: unknown[] };
    expect(body.labels).toEqual(defaultLabelSchema.labels);
    expect(body.use).toEqual([
      { value: 1, figures: 2, labels: 1, adjudications: 1 },
      { value: 2, figures: 3, labels: 3, adjudications: 0 },
    ]);
  });
});

describe("editing", () => {
  it("renames a label and rebinds its key; the labels stay, the edit is audited", async () => {
    const res = await put({ labels: [{ ...imaging, name: "Scan or photo", key: "i" }, interesting, discard] });
    expect(res.status).toBe(200);
    const { schema } = await stored();
    expect(schema.labels[0]).toEqual({ ...imaging, name: "Scan or photo", key: "i" });
    expect([...(await labelsOf()).values()]).toEqual([2, 2, 2, 1]);
    const audit = await db().auditEvent.findFirst({ where: { action: "project.labelSchema", entityId: String(projectId) } });
    expect(audit?.actorId).toBe(curator.id);
    expect((audit?.after as { labels: { key: string }[] }).labels[0]!.key).toBe("i");
  });

  it("a changed value takes its figures, adjudications and task rules along", async () => {
    const res = await put({ labels: [{ ...imaging, from: 2, value: 5 }, interesting, discard] });
    expect(res.status).toBe(200);
    expect((await res.json()).moved).toEqual([{ from: 2, to: 5, labels: 3, adjudications: 0 }]);
    expect([...(await labelsOf()).values()].sort()).toEqual([1, 5, 5, 5]);
    const { settings } = await stored();
    expect(settings.eligibility).toMatchObject({ ift: null, mcq: [1, 5], ddx: [5] });
    // Saving the new value works; the old one is refused.
    const save = (value: number) =>
      labelRoute.PUT(
        new Request(`http://localhost/api/figures/${figures[5]}/label`, {
          method: "PUT",
          headers: { cookie: clinician.cookie, "content-type": "application/json" },
          body: JSON.stringify({ value, requestId: crypto.randomUUID() }),
        }),
        { params: Promise.resolve({ figureId: String(figures[5]) }) },
      );
    expect((await save(2)).status).toBe(400);
    expect((await save(5)).status).toBe(200);
  });

  it("swaps two values in one step", async () => {
    const res = await put({ labels: [{ ...imaging, from: 2, value: 1 }, { ...interesting, from: 1, value: 2 }, discard] });
    expect(res.status).toBe(200);
    expect([...(await labelsOf()).values()]).toEqual([1, 1, 1, 2]);
    expect((await db().adjudication.findUniqueOrThrow({ where: { figureId: figures[4]! } })).value).toBe(2);
  });

  it("adds a label that no task takes until a curator ticks it", async () => {
    const res = await put({ labels: [imaging, interesting, discard, { value: 3, name: "Duplicate figure", key: "d", description: "" }] });
    expect(res.status).toBe(200);
    const { schema, settings } = await stored();
    expect(schema.labels.map((l) => l.value)).toEqual([2, 1, 0, 3]);
    expect(settings.eligibility).toMatchObject({ ift: null, mcq: [1, 2], ddx: [2] });
  });
});

describe("checks a person can act on", () => {
  const problems = async (labels: unknown[]) => {
    const res = await put({ labels });
    expect(res.status).toBe(400);
    return ((await res.json()) as { errors: { path: string; message: string }[] }).errors;
  };

  it("refuses repeated values, keys and names, and keys the labeler uses", async () => {
    expect(await problems([imaging, { ...interesting, value: 2 }, discard])).toEqual([
      { path: "body.labels.1.value", message: "Value 2 is already “Imaging”'s; give each label its own value." },
    ]);
    expect(await problems([imaging, { ...interesting, key: "2" }, discard])).toEqual([
      { path: "body.labels.1.key", message: "“2” already labels “Imaging”; give each label its own key." },
    ]);
    expect(await problems([imaging, { ...interesting, name: " imaging " }, discard])).toEqual([
      { path: "body.labels.1.name", message: "Another label is already named “Imaging”; give each its own name." },
    ]);
    expect(await problems([{ ...imaging, key: "u" }, { ...interesting, key: " " }, { ...discard, key: "-" }])).toEqual([
      { path: "body.labels.0.key", message: "“u” is the labeler's undo key; choose another." },
      { path: "body.labels.1.key", message: "space is the labeler's skip key; choose another." },
      { path: "body.labels.2.key", message: "“-” is the labeler's zoom out key; choose another." },
    ]);
    expect(await problems([{ ...imaging, key: "ab" }, { ...interesting, value: 1.5 }, { ...discard, name: "  " }])).toEqual([
      { path: "body.labels.0.key", message: "The key must be one character: a letter, a digit or a symbol." },
      { path: "body.labels.1.value", message: "The value must be a whole number from 0 to 99." },
      { path: "body.labels.2.name", message: "Give the label a name." },
    ]);
    expect((await stored()).schema).toEqual(defaultLabelSchema);
  });

  it("lets a label take 0, the zoom-reset key (the zoom yields to it)", () => {
    expect(labelSchemaProblems(defaultLabelSchema.labels)).toEqual([]);
  });

  it("refuses removing a value that figures carry, with their count, until a move is given", async () => {
    const res = await put({ labels: [imaging, discard] });
    expect(res.status).toBe(409);
    const body = (await res.json()) as { detail: string; carried: unknown[] };
    expect(body.detail).toBe(
      "“Not imaging, interesting” (value 1) is on 2 figures (1 label, 1 adjudication). Keep it, or choose the label their figures move to.",
    );
    expect(body.carried).toEqual([{ value: 1, figures: 2, labels: 1, adjudications: 1, name: "Not imaging, interesting" }]);
    expect((await stored()).schema).toEqual(defaultLabelSchema);

    const moved = await put({ labels: [imaging, discard], moves: [{ from: 1, to: 0 }] });
    expect(moved.status).toBe(200);
    expect([...(await labelsOf()).values()]).toEqual([2, 2, 2, 0]);
    expect((await db().adjudication.findUniqueOrThrow({ where: { figureId: figures[4]! } })).value).toBe(0);
    const { settings } = await stored();
    expect(settings.eligibility).toMatchObject({ mcq: [2], ddx: [2] });
  });

  it("removes a value no figure carries without asking", async () => {
    expect((await put({ labels: [imaging, interesting] })).status).toBe(200);
    expect((await stored()).schema.labels.map((l) => l.value)).toEqual([2, 1]);
  });

  it("refuses a move to a value outside the new schema, and an edit of a stale schema", async () => {
    expect((await put({ labels: [imaging, discard], moves: [{ from: 1, to: 7 }] })).status).toBe(400);
    expect((await put({ labels: [imaging, discard], moves: [{ from: 2, to: 0 }] })).status).toBe(400);
    expect((await put({ labels: [{ ...imaging, from: 9 }, interesting, discard] })).status).toBe(409);
  });

  it("a label saved while an edit is under way waits for it and is checked against the edited schema", async () => {
    // Hold the project row as the edit does (SELECT … FOR UPDATE) and remove "discard" inside that transaction.
    const edit = new pg.Client({ connectionString: config().databaseUrl });
    await edit.connect();
    try {
      await edit.query("BEGIN");
      await edit.query("SELECT 1 FROM project WHERE id = $1 FOR UPDATE", [projectId]);
      const save = labelRoute.PUT(
        new Request(`http://localhost/api/figures/${figures[5]}/label`, {
          method: "PUT",
          headers: { cookie: clinician.cookie, "content-type": "application/json" },
          body: JSON.stringify({ value: discard.value, requestId: crypto.randomUUID() }),
        }),
        { params: Promise.resolve({ figureId: String(figures[5]) }) },
      );
      const early = await Promise.race([save.then(() => "saved"), new Promise((r) => setTimeout(() => r("waiting"), 300))]);
      expect(early).toBe("waiting");
      const without = { ...defaultLabelSchema, labels: defaultLabelSchema.labels.filter((l) => l.value !== discard.value) };
      await edit.query("UPDATE project SET label_schema = $2 WHERE id = $1", [projectId, JSON.stringify(without)]);
      await edit.query("COMMIT");
      const res = await save;
      expect(res.status).toBe(400);
      expect(((await res.json()) as { detail: string }).detail).toMatch(/not in this project's schema/);
      expect((await labelsOf()).has(figures[5]!)).toBe(false);
    } finally {
      await edit.end();
    }
  });

  it("is for curators", async () => {
    expect((await put({ labels: [imaging, interesting] }, clinician)).status).toBe(403);
  });
});
