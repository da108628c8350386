// The analysis jobs on real BullMQ queues in real Redis: a features run
// started through the service is processed by a worker, which then queues
// PCA; both finish and PC1 is written for every figure with an image.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { featuresJob, pcaJob } from "@/lib/analysis/jobs";
import { startFeatures } from "@/lib/analysis/service";
import { db } from "@/lib/db/client";
import { runImport } from "@/lib/imports/run";
import { createProject } from "@/lib/projects/service";
import { closeQueues, startWorker } from "@/lib/queue/jobs";
import { closeRedis } from "@/lib/queue/connection";
import { generateDemoData } from "../../scripts/demo-data/generate";
import { makeUser } from "../helpers/users";

afterAll(async () => {
  await closeQueues();
  await closeRedis();
});

describe("analysis jobs", () => {
  it("features then PCA, through the queues", async () => {
    const curator = await makeUser("curator");
    const projectId = (await createProject({ name: "jobs", description: "" }, null)).id;
    const data = await generateDemoData(mkdtempSync(path.join(tmpdir(), "jobs-")), { figures: 12, seed: 4 });
    const imp = await db().import.create({ data: { projectId, source: data.recordsDir, fileName: "records" } });
    await runImport(db(), imp.id);

    const workers = [startWorker(featuresJob), startWorker(pcaJob)];
    try {
      await startFeatures(projectId, curator.id);
      const end = Date.now() + 30_000;
      while (Date.now() < end) {
        const pca = await db().analysisRun.findFirst({ where: { projectId, kind: "pca" } });
        if (pca?.status === "succeeded") break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const runs = await db().analysisRun.findMany({ where: { projectId }, orderBy: { id: "asc" } });
      expect(runs.map((r) => [r.kind, r.status, r.extractor])).toEqual([
        ["features", "succeeded", "builtin-v1"],
        ["pca", "succeeded", "builtin-v1"],
      ]);
      expect(await db().figurePca.count({ where: { figure: { projectId } } })).toBe(12);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  });
});
