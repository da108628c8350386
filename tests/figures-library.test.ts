// The library's list endpoint: filters on indexed columns, keyset pages,
// the label-state filter, and the count on the first page only.
import { beforeAll, describe, expect, it } from "vitest";
import * as figuresRoute from "@/app/api/projects/[projectId]/figures/route";
import { db } from "@/lib/db/client";
import { insertBatch } from "@/lib/imports/insert-batch";
import { setLabel } from "@/lib/labels/save";
import { createProject } from "@/lib/projects/service";
import { makeUser, type TestUser } from "./helpers/users";

let u: TestUser;
let projectId: number;
beforeAll(async () => {
  u = await makeUser("clinician");
  projectId = (await createProject({ name: "library", description: "" }, null)).id;
  const rows = Array.from({ length: 25 }, (_, i) => ({
    customId: `l${i}`,
    figLabel: `Figure ${i}`,
    caption: i % 5 === 0 ? `Axial glioma image ${i}` : `Bar chart ${i}`,
    mentions: i % 2 ? [`See Figure ${i}.`] : [],
    page: null,
    imageHash: null,
    imageName: null,
    imageMissing: true,
    width: null,
    height: null,
    synthetic: true,
    article: { handle: `a${i % 3}`, journal: i % 3 === 0 ? "Neurosurgery" : "Spine", title: "", doi: null, pmcid: null, year: null },
  }));
  await insertBatch(db(), projectId, null, rows);
  const figs = await db().figure.findMany({ where: { projectId }, orderBy: { id: "asc" }, take: 4 });
  for (const f of figs) await setLabel(db(), { figureId: f.id, userId: u.id, value: 2, requestId: `lib-${f.id}-0000` });
});

async function list(query: string) {
  const res = await figuresRoute.GET(new Request(`http://localhost/api/projects/${projectId}/figures?${query}`, { headers: { cookie: u.cookie } }), {
    params: Promise.resolve({ projectId: String(projectId) }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { items: { id: number; caption: string }[]; next: number | null; total?: number };
}

describe("figure library list", () => {
  it("pages by keyset and counts on the first page only", async () => {
    const p1 = await list("limit=10");
    expect(p1.total).toBe(25);
    expect(p1.items).toHaveLength(10);
    const p2 = await list(`limit=10&after=${p1.next}`);
    expect(p2.total).toBeUndefined();
    expect(p2.items[0]!.id).toBeGreaterThan(p1.items.at(-1)!.id);
    const p3 = await list(`limit=10&after=${p2.next}`);
    expect(p3.items).toHaveLength(5);
    expect(p3.next).toBeNull();
  });

  it("filters by caption text, journal, mentions and label state", async () => {
    expect((await list("q=GLIOMA")).total).toBe(5);
    expect((await list("journal=Neurosurgery")).total).toBe(9);
    expect((await list("hasMentions=yes")).total).toBe(12);
    expect((await list("labelState=labelled")).total).toBe(4);
    expect((await list("labelState=unlabelled&hasMentions=no")).total).toBe(11);
  });

  it("says what is wrong with a bad filter", async () => {
    const res = await figuresRoute.GET(new Request(`http://localhost/api/projects/${projectId}/figures?limit=9999`, { headers: { cookie: u.cookie } }), {
      params: Promise.resolve({ projectId: String(projectId) }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toContain("query.limit");
  });
});
