import "server-only";
import { db } from "@/lib/db/client";
import { HttpError, notFound } from "@/lib/http/problem";
import { enqueue } from "@/lib/queue/jobs";
import { config } from "@/lib/config";
import { featuresJob, filterModelJob, pcaJob } from "./jobs";

const runSelect = {
  id: true,
  kind: true,
  extractor: true,
  status: true,
  total: true,
  processed: true,
  failed: true,
  message: true,
  errors: true,
  createdAt: true,
  finishedAt: true,
} as const;

async function assertProject(projectId: number) {
  if (!(await db().project.findUnique({ where: { id: projectId }, select: { id: true } }))) throw notFound(`Project ${projectId}`);
}

export async function startFeatures(projectId: number, userId: string) {
  await assertProject(projectId);
  const run = await db().analysisRun.create({
    data: { projectId, kind: "features", extractor: "pending", createdById: userId },
    select: runSelect,
  });
  await enqueue(featuresJob, { runId: run.id });
  return run;
}

export async function startPca(projectId: number, userId: string) {
  await assertProject(projectId);
  const latest = await db().analysisRun.findFirst({
    where: { projectId, kind: "features", status: { in: ["succeeded", "partial"] } },
    orderBy: { id: "desc" },
  });
  if (!latest) throw new HttpError(409, "No features yet", "Extract features first; PCA runs over them.");
  const run = await db().analysisRun.create({
    data: { projectId, kind: "pca", extractor: latest.extractor, createdById: userId },
    select: runSelect,
  });
  await enqueue(pcaJob, { runId: run.id });
  return run;
}

/** Trains the filter model on the features the latest PCA used (the project's current extractor). */
export async function startFilterModel(projectId: number, userId: string | null) {
  await assertProject(projectId);
  const features = await db().analysisRun.findFirst({
    where: { projectId, kind: "features", status: { in: ["succeeded", "partial"] } },
    orderBy: { id: "desc" },
  });
  if (!features) throw new HttpError(409, "No features yet", "Extract features first; the filter model learns from them.");
  const run = await db().analysisRun.create({
    data: { projectId, kind: "filter", extractor: features.extractor, createdById: userId },
    select: runSelect,
  });
  await enqueue(filterModelJob, { runId: run.id });
  return run;
}

/** Retrain after every N new labels (project setting retrainEvery). */
export async function maybeRetrain(projectId: number, every: number) {
  const last = await db().filterModel.findFirst({ where: { projectId }, orderBy: { id: "desc" }, select: { labelCount: true } });
  const labelled = await db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(DISTINCT figure_id)::int AS n FROM label WHERE project_id = $1`,
    projectId,
  );
  const n = labelled[0]!.n;
  const pending = await db().analysisRun.count({ where: { projectId, kind: "filter", status: { in: ["queued", "running"] } } });
  if (pending === 0 && n >= 20 && n - (last?.labelCount ?? 0) >= every) {
    await startFilterModel(projectId, null).catch(() => undefined); // no features yet: nothing to train on
  }
}

export async function analysisOverview(projectId: number) {
  await assertProject(projectId);
  const runs = await db().analysisRun.findMany({ where: { projectId }, orderBy: { id: "desc" }, take: 10, select: runSelect });
  const coverage = await db().$queryRawUnsafe<{ extractor: string; figures: number }[]>(
    `SELECT ff.extractor, count(*)::int AS figures FROM figure_feature ff JOIN figure f ON f.id = ff.figure_id
     WHERE f.project_id = $1 GROUP BY ff.extractor ORDER BY ff.extractor`,
    projectId,
  );
  const withImages = await db().figure.count({ where: { projectId, imageHash: { not: null } } });
  const model = await db().filterModel.findFirst({ where: { projectId }, orderBy: { id: "desc" } });
  return {
    runs,
    model,
    coverage,
    withImages,
    configuredExtractor: config().featureModelPath
      ? { kind: "onnx", detail: `ONNX model ${config().featureModelPath}` }
      : { kind: "builtin", detail: "Built-in extractor (intensity, colour and edge histograms + tiny thumbnail; no model file configured)" },
  };
}

export async function pcaMap(projectId: number, extractor: string) {
  return db().$queryRawUnsafe<{ id: number; pc1: number; pc2: number; label: number | null }[]>(
    `SELECT p.figure_id AS id, p.pc1, p.pc2,
            (SELECT l.value FROM label l WHERE l.figure_id = p.figure_id ORDER BY l.updated_at DESC LIMIT 1) AS label
     FROM figure_pca p JOIN figure f ON f.id = p.figure_id
     WHERE f.project_id = $1 AND p.extractor = $2`,
    projectId,
    extractor,
  );
}
