// Feature extraction and PCA over a project, on real PostgreSQL with the
// built-in extractor: vectors stored per figure, an unreadable image fails
// only its figure, PCA scores written and used for the labeling order.
import { mkdtempSync, promises as fs } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runFeatures } from "@/lib/analysis/features-run";
import { runPca } from "@/lib/analysis/pca-run";
import { db } from "@/lib/db/client";
import { builtinExtractor } from "@/lib/features/builtin";
import { runImport } from "@/lib/imports/run";
import { nextFigures } from "@/lib/labels/queue";
import { createProject } from "@/lib/projects/service";
import { originalPath } from "@/lib/storage/image-store";
import { generateDemoData } from "../../scripts/demo-data/generate";
import { makeUser } from "../helpers/users";

let projectId: number;
beforeAll(async () => {
  projectId = (await createProject({ name: "analysis", description: "" }, null)).id;
  const data = await generateDemoData(mkdtempSync(path.join(tmpdir(), "analysis-")), { figures: 30, seed: 11 });
  const imp = await db().import.create({ data: { projectId, source: data.recordsDir, fileName: "records" } });
  await runImport(db(), imp.id);
});

describe("features and PCA", () => {
  it("extracts a vector per figure, failing only an unreadable image, and adds nothing on a re-run", async () => {
    const victim = await db().figure.findFirstOrThrow({ where: { projectId }, orderBy: { id: "desc" } });
    const file = originalPath(victim.imageHash!);
    const good = await fs.readFile(file);
    await fs.writeFile(file, good.subarray(0, 100)); // damaged in the store after import
    try {
      const run = await db().analysisRun.create({ data: { projectId, kind: "features", extractor: "pending" } });
      const p = await runFeatures(db(), run.id, builtinExtractor);
      expect(p.total).toBe(30);
      expect(p.failed).toBe(1);
      expect(p.errors[0]!.figureId).toBe(victim.id);
      const row = await db().analysisRun.findUniqueOrThrow({ where: { id: run.id } });
      expect(row.status).toBe("partial");
      expect(row.extractor).toBe("builtin-v1");
      expect(await db().figureFeature.count({ where: { extractor: "builtin-v1" } })).toBe(29);
    } finally {
      await fs.writeFile(file, good);
    }
    const again = await db().analysisRun.create({ data: { projectId, kind: "features", extractor: "pending" } });
    const p2 = await runFeatures(db(), again.id, builtinExtractor);
    expect(p2.total).toBe(1); // only the one that failed before
    expect(await db().figureFeature.count({ where: { extractor: "builtin-v1" } })).toBe(30);
  });

  it("writes PCA scores and labeling follows PC1", async () => {
    const run = await db().analysisRun.create({ data: { projectId, kind: "pca", extractor: "builtin-v1" } });
    const p = await runPca(db(), run.id);
    expect((await db().analysisRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("succeeded");
    expect(p.processed).toBe(30);
    const rows = await db().figurePca.findMany({ orderBy: { pc1: "asc" } });
    expect(rows).toHaveLength(30);
    expect(rows[0]!.scores.length).toBe(10 * 4);

    const user = await makeUser("clinician");
    const order = await nextFigures(db(), {
      projectId,
      userId: user.id,
      order: "pc1",
      extractor: "builtin-v1",
      labelsPerFigure: 1,
      count: 10,
      holding: [],
    });
    expect(order).toEqual(rows.slice(0, 10).map((r) => r.figureId));
  });
});

describe("filter model", () => {
  it("cross-validates on the clinicians' labels and gives every figure a probability", async () => {
    const { runFilterModel } = await import("@/lib/analysis/filter-model-run");
    const { setLabel } = await import("@/lib/labels/save");
    const user = await makeUser("clinician");
    const figs = await db().figure.findMany({ where: { projectId }, orderBy: { id: "asc" } });
    // Label from what the synthetic caption says the image is.
    const kindOf = (c: string) => (/photograph|MRI|CT|radiograph|T1|T2|FLAIR/i.test(c) ? 2 : /flowchart|schematic|diagram|illustration/i.test(c) ? 1 : 0);
    for (const f of figs.slice(0, 26)) {
      await setLabel(db(), { figureId: f.id, userId: user.id, value: kindOf(f.caption), requestId: `fm-${f.id}-xxxxxx` });
    }
    const run = await db().analysisRun.create({ data: { projectId, kind: "filter", extractor: "builtin-v1" } });
    await runFilterModel(db(), run.id);
    const row = await db().analysisRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.status).toBe("succeeded");
    const model = await db().filterModel.findFirstOrThrow({ where: { projectId } });
    const m = model.metrics as { keep2: { accuracy: number; confusion: number[][] }; keep12: { accuracy: number } };
    expect(m.keep2.confusion.flat().reduce((a, b) => a + b, 0)).toBe(26);
    expect(m.keep2.accuracy).toBeGreaterThan(0.7);
    expect(await db().figurePrediction.count({ where: { modelId: model.id } })).toBe(30);
  });

  it("says how many labels it still needs", async () => {
    const { runFilterModel } = await import("@/lib/analysis/filter-model-run");
    const other = (await createProject({ name: "few labels", description: "" }, null)).id;
    const run = await db().analysisRun.create({ data: { projectId: other, kind: "filter", extractor: "builtin-v1" } });
    await runFilterModel(db(), run.id);
    const row = await db().analysisRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(row.status).toBe("failed");
    expect((row.errors as { reason: string }[])[0]!.reason).toMatch(/at least 20 labelled figures/);
  });
});
