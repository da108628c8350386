// Analysis queue: feature extraction, then PCA over the result.
import { z } from "zod";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { createExtractor } from "@/lib/features/registry";
import { defineJob, enqueue } from "@/lib/queue/jobs";
import { runFeatures } from "./features-run";
import { runPca } from "./pca-run";
import { runFilterModel } from "./filter-model-run";

const payload = z.object({ runId: z.number().int().positive() });

export const pcaJob = defineJob({
  queue: "analysis-pca",
  payload,
  jobId: (p) => `pca-${p.runId}`,
  options: { attempts: 2, backoff: { type: "fixed", delay: 5_000 }, removeOnComplete: 500, removeOnFail: 1_000 },
  concurrency: 1,
  handler: async ({ runId }) => (await runPca(db(), runId)).processed,
});

export const featuresJob = defineJob({
  queue: "analysis-features",
  payload,
  jobId: (p) => `features-${p.runId}`,
  options: { attempts: 2, backoff: { type: "fixed", delay: 5_000 }, removeOnComplete: 500, removeOnFail: 1_000 },
  concurrency: 1,
  handler: async ({ runId }) => {
    const extractor = await createExtractor({ modelPath: config().featureModelPath });
    try {
      const p = await runFeatures(db(), runId, extractor);
      // New features change the principal components: recompute them.
      const run = await db().analysisRun.findUniqueOrThrow({ where: { id: runId } });
      const next = await db().analysisRun.create({
        data: { projectId: run.projectId, kind: "pca", extractor: extractor.id, createdById: run.createdById },
      });
      await enqueue(pcaJob, { runId: next.id });
      return p.processed;
    } finally {
      await extractor.close?.();
    }
  },
});

export const filterModelJob = defineJob({
  queue: "analysis-filter-model",
  payload,
  jobId: (p) => `filter-${p.runId}`,
  options: { attempts: 1, removeOnComplete: 500, removeOnFail: 1_000 },
  concurrency: 1,
  handler: async ({ runId }) => (await runFilterModel(db(), runId)).processed,
});
