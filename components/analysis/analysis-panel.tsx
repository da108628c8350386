"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";

import { Progress } from "@/components/ui/progress";
import type { LabelDef } from "@/components/label/types";
import { api } from "@/lib/client/api";
import { FilterModelCard, type FilterModelView } from "./filter-model-card";
import { LabelSchemaCard } from "./label-schema-card";
import { PcaMap } from "./pca-map";
import { SettingsCard } from "./settings-card";
import { ProjectSelect } from "@/components/shell/project-select";

type Run = {
  id: number;
  kind: string;
  extractor: string;
  status: string;
  total: number;
  processed: number;
  failed: number;
  message: string | null;
  errors: { figureId?: number; reason: string }[];
  finishedAt: string | null;
};
type Overview = {
  runs: Run[];
  model: FilterModelView | null;
  coverage: { extractor: string; figures: number }[];
  withImages: number;
  configuredExtractor: { kind: string; detail: string };
};
type Project = { id: number; name: string; labels: LabelDef[] };

const active = (r: Run) => r.status === "queued" || r.status === "running";
// A finished features run is followed by a PCA run that its job creates a moment later:
// keep polling for a while, or the page would stop just before the PCA run appears.
const pcaDue = (runs: Run[]) => runs[0]?.kind === "features" && runs[0].status !== "failed" && Date.now() - Date.parse(runs[0].finishedAt ?? "") < 30_000;

export function AnalysisPanel({ projects, canRun }: { projects: Project[]; canRun: boolean }) {
  const qc = useQueryClient();
  const [projectId, setProjectId] = useState(projects[0]!.id);
  const project = projects.find((p) => p.id === projectId)!;
  const overview = useQuery({
    queryKey: ["analysis", projectId],
    queryFn: () => api<Overview>(`/api/projects/${projectId}/analysis`),
    refetchInterval: (q) => (q.state.data && (q.state.data.runs.some(active) || pcaDue(q.state.data.runs)) ? 800 : false),
  });
  const start = useMutation({
    mutationFn: (what: "features" | "pca" | "filter-model") => api<Run>(`/api/projects/${projectId}/analysis/${what}`, { method: "POST" }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ["analysis", projectId] }),
  });
  const pcaExtractor = overview.data?.runs.find((r) => r.kind === "pca" && (r.status === "succeeded" || r.status === "partial"))?.extractor;

  return (
    <div className="mx-auto max-w-5xl space-y-6 p-6">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">Analysis</h1>
        <ProjectSelect projects={projects} value={projectId} onChange={setProjectId} />
      </div>
      <Card className="space-y-3">
        <p className="text-sm" data-testid="extractor">
          <span className="text-muted">Feature extractor: </span>
          {overview.data?.configuredExtractor.detail ?? "…"}
        </p>
        <p className="text-sm text-muted">
          {overview.data?.coverage.map((c) => `${c.figures} of ${overview.data?.withImages} figures have ${c.extractor} features`).join(" · ") ||
            "No features extracted yet."}
        </p>
        {canRun && (
          <div className="flex gap-2">
            <Button onClick={() => start.mutate("features")} disabled={start.isPending}>
              Extract features (then PCA)
            </Button>
            <Button variant="secondary" onClick={() => start.mutate("pca")} disabled={start.isPending}>
              Recompute PCA
            </Button>
            <Button variant="secondary" onClick={() => start.mutate("filter-model")} disabled={start.isPending}>
              Train filter model
            </Button>
          </div>
        )}
        {start.error && <p className="text-sm text-bad">{start.error.message}</p>}
      </Card>
      <div className="space-y-2">
        {overview.data?.runs.map((r) => (
          <Card key={r.id} className="space-y-2 p-4" data-testid={`run-${r.kind}`} data-status={r.status}>
            <div className="flex items-center gap-2 text-sm">
              <span className="font-medium">{{ pca: "PCA", features: "Features", filter: "Filter model" }[r.kind] ?? r.kind}</span>
              <Badge>{r.extractor}</Badge>
              <Badge tone={r.status === "succeeded" ? "ok" : r.status === "failed" ? "bad" : r.status === "partial" ? "warn" : "accent"}>{r.status}</Badge>
              <span className="ml-auto text-xs text-muted">
                {r.processed} / {r.total}
              </span>
            </div>
            <Progress value={r.processed} max={r.total || 1} label={`${r.kind} run ${r.id}`} />
            {r.message && <p className="text-xs text-muted">{r.message}</p>}
            {r.errors.length > 0 && (
              <details className="text-xs text-warn">
                <summary>{r.failed} figures failed</summary>
                <ul>
                  {r.errors.slice(0, 100).map((e, i) => (
                    <li key={i}>{e.reason}</li>
                  ))}
                </ul>
              </details>
            )}
          </Card>
        ))}
      </div>
      <FilterModelCard model={overview.data?.model ?? null} />
      <LabelSchemaCard key={`labels-${projectId}`} projectId={projectId} labels={project.labels} canEdit={canRun} />
      <SettingsCard key={projectId} projectId={projectId} labels={project.labels} canEdit={canRun} />
      {canRun && (
        <a className="text-sm text-accent" href={`/label/conflicts?project=${projectId}`}>
          Label conflicts and inter-annotator agreement →
        </a>
      )}
      {pcaExtractor && (
        <Card>
          <h2 className="mb-3 font-semibold">Map of figures (PC1 × PC2, {pcaExtractor})</h2>
          <PcaMap projectId={projectId} extractor={pcaExtractor} labels={project.labels} canLabel />
        </Card>
      )}
    </div>
  );
}
