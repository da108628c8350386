"use client";
// The filter model's cross-validated quality per keep rule, as the
// reference reported it (accuracy 0.91 / 0.90 on 100 held-out figures).
import { Card } from "@/components/ui/card";

type Rule = { accuracy: number; precision: number; recall: number; confusion: [[number, number], [number, number]]; positives: number; folds: number };
export type FilterModelView = { id: number; extractor: string; labelCount: number; createdAt: string; metrics: Record<"keep2" | "keep12", Rule | { error: string }> };

const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : "—");

export function FilterModelCard({ model }: { model: FilterModelView | null }) {
  return (
    <Card data-testid="filter-model">
      <h2 className="mb-2 font-semibold">Filter model</h2>
      {!model ? (
        <p className="text-sm text-muted">Not trained yet: it needs at least 20 labelled figures with features. It retrains by itself as labels come in.</p>
      ) : (
        <>
          <p className="mb-3 text-sm text-muted" data-testid="filter-model-summary">
            Logistic regression on {model.extractor} features, {model.labelCount} labelled figures, cross-validated; trained{" "}
            {new Date(model.createdAt).toLocaleString()}.
          </p>
          <div className="grid grid-cols-2 gap-4">
            {(["keep2", "keep12"] as const).map((rule) => {
              const m = model.metrics[rule];
              return (
                <div key={rule} className="rounded border border-line p-3 text-sm" data-testid={`metrics-${rule}`}>
                  <h3 className="mb-2 font-medium">{rule === "keep2" ? "keep = {2} (imaging)" : "keep = {1, 2}"}</h3>
                  {"error" in m ? (
                    <p className="text-warn">{m.error}</p>
                  ) : (
                    <>
                      <p>
                        accuracy <b data-testid={`accuracy-${rule}`}>{pct(m.accuracy)}</b> · precision <span data-testid={`precision-${rule}`}>{pct(m.precision)}</span> ·
                        recall <span data-testid={`recall-${rule}`}>{pct(m.recall)}</span>
                      </p>
                      <table className="mt-2 text-xs" data-testid={`confusion-${rule}`}>
                        <tbody>
                          <tr>
                            <td />
                            <td className="px-2 text-muted">pred. drop</td>
                            <td className="px-2 text-muted">pred. keep</td>
                          </tr>
                          <tr>
                            <td className="pr-2 text-muted">drop</td>
                            <td className="px-2 text-center" data-testid="tn">{m.confusion[0][0]}</td>
                            <td className="px-2 text-center" data-testid="fp">{m.confusion[0][1]}</td>
                          </tr>
                          <tr>
                            <td className="pr-2 text-muted">keep</td>
                            <td className="px-2 text-center" data-testid="fn">{m.confusion[1][0]}</td>
                            <td className="px-2 text-center" data-testid="tp">{m.confusion[1][1]}</td>
                          </tr>
                        </tbody>
                      </table>
                      <p className="mt-1 text-xs text-muted">
                        {m.folds}-fold; {m.positives} kept of {model.labelCount}
                      </p>
                    </>
                  )}
                </div>
              );
            })}
          </div>
        </>
      )}
    </Card>
  );
}
