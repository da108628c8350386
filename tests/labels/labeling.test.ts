// Labeling against real PostgreSQL: leases keep two clinicians apart, saves
// are idempotent by request id, undo restores, progress counts, CSV exports.
import { beforeAll, describe, expect, it } from "vitest";
import * as bulkRoute from "@/app/api/projects/[projectId]/label/bulk/route";
import * as exportRoute from "@/app/api/projects/[projectId]/labels/export/route";
import * as nextRoute from "@/app/api/projects/[projectId]/label/next/route";
import * as progressRoute from "@/app/api/projects/[projectId]/label/progress/route";
import * as labelRoute from "@/app/api/figures/[figureId]/label/route";
import { db } from "@/lib/db/client";
import { createProject } from "@/lib/projects/service";
import { insertCaptionOnlyFigures } from "../helpers/figures";
import { makeUser, type TestUser } from "../helpers/users";

let a: TestUser;
let b: TestUser;
let projectId: number;

beforeAll(async () => {
  a = await makeUser("clinician");
  b = await makeUser("clinician");
  projectId = (await createProject({ name: "labeling", description: "" }, null)).id;
  await insertCaptionOnlyFigures(projectId, 30);
});

const req = (u: TestUser, url: string, method = "GET", body?: unknown) =>
  new Request(`http://localhost${url}`, {
    method,
    headers: { cookie: u.cookie, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const pp = () => ({ params: Promise.resolve({ projectId: String(projectId) }) });

async function next(u: TestUser, query = "n=10") {
  const res = await nextRoute.GET(req(u, `/api/projects/${projectId}/label/next?${query}`), pp());
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { id: number }[] }).items.map((f) => f.id);
}

async function label(u: TestUser, figureId: number, value: number | null, requestId: string) {
  return labelRoute.PUT(req(u, `/api/figures/${figureId}/label`, "PUT", { value, requestId }), {
    params: Promise.resolve({ figureId: String(figureId) }),
  });
}

describe("leases", () => {
  it("two clinicians asking at the same time never get the same figure", async () => {
    const [x, y] = await Promise.all([next(a), next(b)]);
    expect(x).toHaveLength(10);
    expect(y).toHaveLength(10);
    expect(x.filter((id) => y.includes(id))).toEqual([]);
    // Asking again while holding: the held figures stay ours, new ones come.
    const more = await next(a, `n=5&holding=${x.join(",")}`);
    expect(more.filter((id) => x.includes(id) || y.includes(id))).toEqual([]);
  });

  it("a lapsed lease frees the figure for others", async () => {
    const held = await next(a, "n=3");
    await db().labelLease.updateMany({ where: { userId: a.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const theirs = await next(b, "n=30");
    expect(held.every((id) => theirs.includes(id))).toBe(true);
    await db().labelLease.deleteMany({});
  });
});

describe("saving labels", () => {
  it("records a save once even when the browser retries it, and undo clears it", async () => {
    const [fig] = await next(a, "n=1");
    expect((await label(a, fig!, 2, "req-00000001")).status).toBe(200);
    expect((await label(a, fig!, 2, "req-00000001")).status).toBe(200);
    expect(await db().labelEvent.count({ where: { figureId: fig! } })).toBe(1);
    expect((await db().label.findFirstOrThrow({ where: { figureId: fig!, userId: a.id } })).value).toBe(2);
    await label(a, fig!, null, "req-00000002");
    expect(await db().label.count({ where: { figureId: fig!, userId: a.id } })).toBe(0);
    expect(await db().labelEvent.count({ where: { figureId: fig! } })).toBe(2);
  });

  it("refuses a value outside the project's label schema with the allowed values", async () => {
    const [fig] = await next(a, "n=1");
    const res = await label(a, fig!, 7, "req-00000003");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { detail: string }).detail).toContain("2, 1, 0");
  });

  it("a labelled figure is not served again to the same clinician; progress and CSV follow", async () => {
    const ids = await next(a, "n=4");
    for (const [i, id] of ids.entries()) expect((await label(a, id, i % 3, `req-progress-${id}`)).status).toBe(200);
    const again = await next(a, "n=30");
    expect(again.filter((id) => ids.includes(id))).toEqual([]);

    const bulk = await bulkRoute.POST(
      req(b, `/api/projects/${projectId}/label/bulk`, "POST", { figureIds: ids.slice(0, 2), value: 1, requestId: "bulk-0001" }),
      pp(),
    );
    expect(bulk.status).toBe(200);

    const prog = (await (await progressRoute.GET(req(a, `/api/projects/${projectId}/label/progress`), pp())).json()) as Record<string, number>;
    expect(prog.mine).toBe(4);
    expect(prog.total).toBe(30);
    expect(prog.team).toBe(4);

    const csv = await (await exportRoute.GET(req(a, `/api/projects/${projectId}/labels/export`), pp())).text();
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe("custom_id,fig_label,paper,journal,labeller,value,updated_at");
    expect(lines).toHaveLength(1 + 4 + 2);
    expect(csv).toContain(b.email);
  });
});
