// Overlap labels: agreement (Cohen for two raters, Fleiss for more), the
// conflicts view, a curator's adjudication, settings and task eligibility.
import { beforeAll, describe, expect, it } from "vitest";
import * as adjudicateRoute from "@/app/api/figures/[figureId]/adjudication/route";
import * as eligibilityRoute from "@/app/api/projects/[projectId]/eligibility/route";
import * as agreementRoute from "@/app/api/projects/[projectId]/label/agreement/route";
import * as conflictsRoute from "@/app/api/projects/[projectId]/label/conflicts/route";
import * as settingsRoute from "@/app/api/projects/[projectId]/settings/route";
import { db } from "@/lib/db/client";
import { insertBatch } from "@/lib/imports/insert-batch";
import { eligibleFigureIds } from "@/lib/labels/eligibility";
import { setLabel } from "@/lib/labels/save";
import { projectSettingsSchema } from "@/lib/projects/label-schema";
import { createProject } from "@/lib/projects/service";
import { makeUser, type TestUser } from "../helpers/users";

let projectId: number;
let figs: number[];
let a: TestUser, b: TestUser, c: TestUser, curator: TestUser;

const call = async (handler: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>, u: TestUser, method: string, params: Record<string, string>, body?: unknown) => {
  const res = await handler(
    new Request("http://localhost/x", { method, headers: { cookie: u.cookie, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) }),
    { params: Promise.resolve(params) },
  );
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
};

beforeAll(async () => {
  [a, b, c, curator] = await Promise.all([makeUser("clinician"), makeUser("clinician"), makeUser("clinician"), makeUser("curator")]);
  projectId = (await createProject({ name: "overlap", description: "" }, null)).id;
  const article = { handle: "p", journal: "J", title: "", doi: null, pmcid: null, year: null };
  await insertBatch(
    db(),
    projectId,
    null,
    Array.from({ length: 10 }, (_, i) => ({
      customId: `o${i}`, figLabel: `Figure ${i}`, caption: "", mentions: [], page: null, imageHash: null, imageName: null,
      imageMissing: true, width: null, height: null, synthetic: true, article,
    })),
  );
  figs = (await db().figure.findMany({ where: { projectId }, orderBy: { id: "asc" } })).map((f) => f.id);
});

const label = (u: TestUser, i: number, value: number) => setLabel(db(), { figureId: figs[i]!, userId: u.id, value, requestId: `${u.id}-${i}-${value}` });

describe("agreement and conflicts", () => {
  it("Cohen's kappa for two raters matches a hand computation", async () => {
    // a: 2 2 2 1 0 0   b: 2 2 1 1 0 2 → observed 4/6; chance = Σ pa·pb
    const av = [2, 2, 2, 1, 0, 0];
    const bv = [2, 2, 1, 1, 0, 2];
    for (let i = 0; i < 6; i++) {
      await label(a, i, av[i]!);
      await label(b, i, bv[i]!);
    }
    const { json } = await call(agreementRoute.GET, a, "GET", { projectId: String(projectId) });
    const pa = { 2: 3 / 6, 1: 1 / 6, 0: 2 / 6 };
    const pb = { 2: 3 / 6, 1: 2 / 6, 0: 1 / 6 };
    const chance = pa[2] * pb[2] + pa[1] * pb[1] + pa[0] * pb[0];
    expect(json.method).toBe("cohen");
    expect(json.kappa as number).toBeCloseTo((4 / 6 - chance) / (1 - chance), 10);
    expect(json.figures).toBe(6);
  });

  it("lists conflicts for curators only, and an adjudication settles one", async () => {
    expect((await call(conflictsRoute.GET, a, "GET", { projectId: String(projectId) })).status).toBe(403);
    const list = (await call(conflictsRoute.GET, curator, "GET", { projectId: String(projectId) })).json as unknown as { id: number }[];
    expect(list.map((f) => f.id)).toEqual([figs[2], figs[5]]);
    const r = await call(adjudicateRoute.PUT, curator, "PUT", { figureId: String(figs[2]) }, { value: 1 });
    expect(r.status).toBe(200);
    const after = (await call(conflictsRoute.GET, curator, "GET", { projectId: String(projectId) })).json as unknown as { id: number }[];
    expect(after.map((f) => f.id)).toEqual([figs[5]]);
  });

  it("Fleiss' kappa once a third rater joins", async () => {
    for (let i = 0; i < 6; i++) await label(c, i, 2);
    const { json } = await call(agreementRoute.GET, a, "GET", { projectId: String(projectId) });
    expect(json.method).toBe("fleiss");
    expect(json.raters).toBe(3);
    expect(json.figures).toBe(6);
  });
});

describe("settings and eligibility", () => {
  it("a settings change keeps what was not sent", async () => {
    const r = await call(settingsRoute.PATCH, curator, "PATCH", { projectId: String(projectId) }, { retrainEvery: 25 });
    expect(r.status).toBe(200);
    const r2 = await call(settingsRoute.PATCH, curator, "PATCH", { projectId: String(projectId) }, { eligibility: { ddx: [1, 2] } });
    const s = projectSettingsSchema.parse(r2.json);
    expect(s.retrainEvery).toBe(25);
    expect(s.eligibility).toEqual({ ift: null, mcq: [1, 2], ddx: [1, 2], threshold: 0.5 });
  });

  it("eligibility uses the adjudication, then the consensus label, then the model", async () => {
    const rules = { ift: null, mcq: [1, 2], ddx: [2], threshold: 0.5 };
    // Figure 6 has no label: the model decides.
    await db().filterModel.create({ data: { id: 9001, projectId, extractor: "x", labelCount: 0, metrics: {} } });
    await db().figurePrediction.create({ data: { figureId: figs[6]!, modelId: 9001, pKeep2: 0.9, pKeep12: 0.95 } });
    const ddx = await eligibleFigureIds(db(), projectId, "ddx", rules);
    // Consensus of 3 raters: f0 2,2,2 → 2; f1 2,2,2; f2 adjudicated 1; f3 1,1,2 → 1; f4 0,0,2 → 0; f5 0,2,2 → 2; f6 model → 2.
    expect(ddx).toEqual([figs[0], figs[1], figs[5], figs[6]]);
    expect(await eligibleFigureIds(db(), projectId, "mcq", rules)).toEqual([figs[0], figs[1], figs[2], figs[3], figs[5], figs[6]]);
    expect(await eligibleFigureIds(db(), projectId, "ift", rules)).toHaveLength(10);
    const { json } = await call(eligibilityRoute.GET, a, "GET", { projectId: String(projectId) });
    expect((json.perTask as Record<string, number>).ift).toBe(10);
  });
});
