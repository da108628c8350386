// The filter model: logistic regression on image features, trained on the
// clinicians' labels (one per figure: a curator's adjudication, else the
// most common label, the latest breaking ties), cross-validated for each keep rule, then used to
// give every figure a probability of being kept.
import type { Db } from "@/lib/db/client";
import { decodeVector } from "@/lib/features/types";
import { crossValidate, fit, keepRules, predictProba, type CrossValidation } from "@/lib/labels/math/logistic";
import { RunProgress } from "./run-row";

export const MIN_LABELS = 20;
const FOLDS = 5;

export type RuleMetrics = Omit<CrossValidation, "folds"> & { positives: number; folds: number };
export type FilterMetrics = { keep2: RuleMetrics | { error: string }; keep12: RuleMetrics | { error: string } };

export async function runFilterModel(db: Db, runId: number): Promise<RunProgress> {
  const run = await db.analysisRun.findUniqueOrThrow({ where: { id: runId } });
  const rows = await db.$queryRawUnsafe<{ figure_id: number; vector: Buffer; label: number | null }[]>(
    `SELECT ff.figure_id, ff.vector,
       COALESCE((SELECT a.value FROM adjudication a WHERE a.figure_id = ff.figure_id),
                (SELECT l.value FROM label l WHERE l.figure_id = ff.figure_id
                 GROUP BY l.value ORDER BY count(*) DESC, max(l.updated_at) DESC LIMIT 1)) AS label
     FROM figure_feature ff JOIN figure f ON f.id = ff.figure_id
     WHERE f.project_id = $1 AND ff.extractor = $2 ORDER BY ff.figure_id`,
    run.projectId,
    run.extractor,
  );
  const labelled = rows.filter((r) => r.label !== null && [0, 1, 2].includes(r.label));
  const p = new RunProgress(db, runId, rows.length);
  if (labelled.length < MIN_LABELS) {
    p.fail({ reason: `the filter model needs at least ${MIN_LABELS} labelled figures with ${run.extractor} features; ${labelled.length} so far` });
    await p.finish("Not enough labels yet");
    return p;
  }
  await p.save(`Training on ${labelled.length} labels`);
  const d = decodeVector(Buffer.from(rows[0]!.vector)).length;
  const matrix = (rs: typeof rows) => {
    const X = new Float32Array(rs.length * d);
    rs.forEach((r, i) => X.set(decodeVector(Buffer.from(r.vector)), i * d));
    return X;
  };
  const X = matrix(labelled);
  const targets = keepRules(labelled.map((r) => r.label!));
  const all = matrix(rows);
  const metrics: Partial<FilterMetrics> = {};
  const probs: Partial<Record<keyof FilterMetrics, Float64Array>> = {};
  for (const rule of ["keep2", "keep12"] as const) {
    const y = targets[rule];
    const positives = y.reduce((s, v) => s + v, 0);
    try {
      const folds = Math.min(FOLDS, positives, y.length - positives);
      const cv = crossValidate(X, labelled.length, d, y, { folds, seed: run.id });
      metrics[rule] = { accuracy: cv.accuracy, precision: cv.precision, recall: cv.recall, confusion: cv.confusion, positives, folds };
      probs[rule] = predictProba(fit(X, labelled.length, d, y), all, rows.length);
    } catch (e) {
      metrics[rule] = { error: `${(e as Error).message.replace(/^\w+: /, "")}; label more figures of each kind` };
    }
  }
  const model = await db.filterModel.create({
    data: { projectId: run.projectId, extractor: run.extractor, labelCount: labelled.length, metrics: metrics as object },
  });
  if (probs.keep2 || probs.keep12) {
    await db.$executeRawUnsafe(
      `INSERT INTO figure_prediction (figure_id, model_id, p_keep2, p_keep12)
       SELECT unnest($1::int[]), $2, unnest($3::float8[]), unnest($4::float8[])
       ON CONFLICT (figure_id) DO UPDATE SET model_id = EXCLUDED.model_id, p_keep2 = EXCLUDED.p_keep2, p_keep12 = EXCLUDED.p_keep12`,
      rows.map((r) => r.figure_id),
      model.id,
      [...(probs.keep2 ?? new Float64Array(rows.length).fill(0.5))],
      [...(probs.keep12 ?? new Float64Array(rows.length).fill(0.5))],
    );
  }
  p.processed = rows.length;
  const acc = (m: FilterMetrics["keep2"] | undefined) => (m && "accuracy" in m ? `${(m.accuracy * 100).toFixed(1)}%` : "n/a");
  await p.finish(
    `Trained on ${labelled.length} labels; ${FOLDS}-fold accuracy keep={2} ${acc(metrics.keep2)}, keep={1,2} ${acc(metrics.keep12)}`,
  );
  return p;
}
