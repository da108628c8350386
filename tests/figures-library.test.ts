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
const rows = (n: number, prefix = "l") =>
  Array.from({ length: n }, (_, i) => ({
    customId: `${prefix}${i}`,
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

beforeAll(async () => {
  u = await makeUser("clinician");
  projectId = (await createProject({ name: "library", description: "" }, null)).id;
  await insertBatch(db(), projectId, null, rows(25));
  const figs = await db().figure.findMany({ where: { projectId }, orderBy: { id: "asc" }, take: 4 });
  for (const f of figs) await setLabel(db(), { figureId: f.id, userId: u.id, value: 2, requestId: `lib-${f.id}-0000` });
});

async function list(query: string, project = projectId) {
  const res = await figuresRoute.GET(new Request(`http://localhost/api/projects/${project}/figures?${query}`, { headers: { cookie: u.cookie } }), {
    params: Promise.resolve({ projectId: String(project) }),
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

  it("filters by the journal an import filled in later, and figure.journal follows its article only", async () => {
    const p = (await createProject({ name: "journal-copy", description: "" }, null)).id;
    const noJournal = rows(4, "nj").map((r) => ({ ...r, article: { ...r.article, handle: "late", journal: "" } }));
    await insertBatch(db(), p, null, noJournal);
    expect((await list("journal=Spine", p)).total).toBe(0);
    // A second import names the article's journal: the upsert fills the empty one in, the figures follow.
    await insertBatch(db(), p, null, rows(2, "nj2").map((r) => ({ ...r, article: { ...r.article, handle: "late", journal: "Spine" } })));
    expect((await list("journal=Spine", p)).total).toBe(6);
    // The copy is not writable on its own: a direct write is put back to the article's journal.
    const [f] = await db().figure.findMany({ where: { projectId: p }, take: 1 });
    await db().figure.update({ where: { id: f!.id }, data: { journal: "Elsewhere" } });
    expect((await db().figure.findUniqueOrThrow({ where: { id: f!.id } })).journal).toBe("Spine");
    // Any other writer's insert is checked once per statement: a wrong journal and a missing one are both set.
    await db().$executeRawUnsafe(
      `INSERT INTO figure (project_id, article_id, custom_id, journal) VALUES ($1, $2, 'raw-wrong', 'Wrong'), ($1, $2, 'raw-none', DEFAULT)`,
      p,
      f!.articleId,
    );
    const raw = await db().figure.findMany({ where: { projectId: p, customId: { startsWith: "raw-" } }, select: { journal: true } });
    expect(raw.map((r) => r.journal)).toEqual(["Spine", "Spine"]);
  });

  it("says what is wrong with a bad filter", async () => {
    const res = await figuresRoute.GET(new Request(`http://localhost/api/projects/${projectId}/figures?limit=9999`, { headers: { cookie: u.cookie } }), {
      params: Promise.resolve({ projectId: String(projectId) }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toContain("query.limit");
  });
});

describe("cached counts", () => {
  // A cached count is recognisable once overwritten with a number no query gives.
  const poison = (p: number, filterKey: string) =>
    db().$executeRawUnsafe("UPDATE figure_count_cache SET total = 999 WHERE project_id = $1 AND filter_key = $2", p, filterKey);

  it("serves a first page's count from the cache, keyed by the filters alone", async () => {
    const p = (await createProject({ name: "counts", description: "" }, null)).id;
    await insertBatch(db(), p, null, rows(25));
    expect((await list("journal=Spine&limit=10", p)).total).toBe(16);
    await poison(p, "journal=Spine");
    expect((await list("limit=50&journal=Spine&q=", p)).total).toBe(999);
    expect((await list("journal=Neurosurgery", p)).total).toBe(9); // another filter, another count
  });

  it("leaves a count under way to its request, and takes over one that never finished", async () => {
    const p = (await createProject({ name: "counts-claims", description: "" }, null)).id;
    await insertBatch(db(), p, null, rows(25));
    const claimedAt = (ago: number) =>
      db().$executeRawUnsafe(
        `INSERT INTO figure_count_cache (project_id, filter_key, by_label, total, claim, counted_at) VALUES ($1, 'journal=Spine', false, NULL, 'other', $2)
         ON CONFLICT (project_id, filter_key) DO UPDATE SET total = NULL, claim = 'other', counted_at = EXCLUDED.counted_at`,
        p,
        new Date(Date.now() - ago),
      );
    const row = () => db().figureCountCache.findUniqueOrThrow({ where: { projectId_filterKey: { projectId: p, filterKey: "journal=Spine" } } });
    await claimedAt(1_000);
    expect((await list("journal=Spine", p)).total).toBe(16);
    expect(await row()).toMatchObject({ claim: "other", total: null });
    await claimedAt(60_000);
    expect((await list("journal=Spine", p)).total).toBe(16);
    expect(await row()).toMatchObject({ total: 16 });
    expect((await row()).claim).not.toBe("other");
    // A stored count older than the TTL is counted again.
    await db().$executeRawUnsafe("UPDATE figure_count_cache SET total = 999, counted_at = now() - interval '6 minutes' WHERE project_id = $1", p);
    expect((await list("journal=Spine", p)).total).toBe(16);
  });

  it("counts again after an import adds figures to the project, not after one that adds nothing", async () => {
    const p = (await createProject({ name: "counts-import", description: "" }, null)).id;
    await insertBatch(db(), p, null, rows(25));
    expect((await list("", p)).total).toBe(25);
    await insertBatch(db(), p, null, rows(6, "more"));
    expect((await list("", p)).total).toBe(31);
    await poison(p, "");
    await insertBatch(db(), p, null, rows(6, "more")); // all present already
    expect((await list("", p)).total).toBe(999);
  });

  it("counts filtered by label state again after a label is saved or undone; other counts stay", async () => {
    const p = (await createProject({ name: "counts-labels", description: "" }, null)).id;
    await insertBatch(db(), p, null, rows(25));
    const [a] = await db().figure.findMany({ where: { projectId: p }, orderBy: { id: "asc" }, take: 1 });
    expect((await list("labelState=labelled", p)).total).toBe(0);
    expect((await list("journal=Spine&labelState=unlabelled", p)).total).toBe(16);
    expect((await list("journal=Spine", p)).total).toBe(16);
    await poison(p, "journal=Spine");
    await setLabel(db(), { figureId: a!.id, userId: u.id, value: 2, requestId: `cnt-${a!.id}-0001` });
    expect((await list("labelState=labelled", p)).total).toBe(1);
    expect((await list("journal=Neurosurgery&labelState=unlabelled", p)).total).toBe(8); // figure 0 is in Neurosurgery
    expect((await list("journal=Spine", p)).total).toBe(999);
    await setLabel(db(), { figureId: a!.id, userId: u.id, value: null, requestId: `cnt-${a!.id}-0002` });
    expect((await list("labelState=labelled", p)).total).toBe(0);
  });
});
