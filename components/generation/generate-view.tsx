"use client";
// Curators: the project's generation runs, and a form to start one with its
// cost and time estimate.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Badge, Card } from "@/components/ui/card";

import { Progress } from "@/components/ui/progress";
import { api } from "@/lib/client/api";
import { RunForm } from "./run-form";
import { statusTone } from "./status";
import { ProjectSelect } from "@/components/shell/project-select";

type RunRow = {
  id: number;
  name: string;
  status: string;
  mode: string;
  tasks: string[];
  spentUsd: number;
  budgetUsd: number | null;
  createdAt: string;
  createdBy: { name: string } | null;
  counts: Record<string, number>;
  total: number;
};

export function GenerateView({ projects, isAdmin }: { projects: { id: number; name: string }[]; isAdmin: boolean }) {
  const [projectId, setProjectId] = useState(projects[0]!.id);
  const runs = useQuery({
    queryKey: ["generation-runs", projectId],
    queryFn: () => api<RunRow[]>(`/api/projects/${projectId}/generation/runs`),
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === "running") ? 1_500 : 10_000),
  });
  return (
    <div className="mx-auto max-w-5xl space-y-6 p-6">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">Generate samples</h1>
        <Link className="text-sm text-accent" href={`/generate/prompts?project=${projectId}`}>
          Prompts and few-shot examples →
        </Link>
        <ProjectSelect projects={projects} value={projectId} onChange={setProjectId} />
      </div>
      <RunForm key={projectId} projectId={projectId} isAdmin={isAdmin} />
      <Card>
        <h2 className="mb-3 text-lg font-semibold">Runs</h2>
        {runs.data?.length === 0 && <p className="text-sm text-muted">No runs yet.</p>}
        <ul className="space-y-3">
          {runs.data?.map((r) => {
            const done = (r.counts.succeeded ?? 0) + (r.counts.failed ?? 0) + (r.counts.cancelled ?? 0);
            return (
              <li key={r.id} className="space-y-1" data-testid={`run-row-${r.id}`}>
                <div className="flex items-center gap-2 text-sm">
                  <Link href={`/generate/${r.id}`} className="font-medium text-accent">
                    {r.name}
                  </Link>
                  <Badge tone={statusTone(r.status)}>{r.status.replace("_", " ")}</Badge>
                  <Badge>{r.tasks.map((t) => t.toUpperCase()).join(" · ")}</Badge>
                  {r.mode === "batch" && <Badge>batch</Badge>}
                  <span className="ml-auto text-xs text-muted">
                    {done} / {r.total} · ${r.spentUsd.toFixed(2)}
                    {r.budgetUsd !== null ? ` of $${r.budgetUsd.toFixed(2)}` : ""} · {r.createdBy?.name ?? "?"} · {new Date(r.createdAt).toLocaleString()}
                  </span>
                </div>
                <Progress value={done} max={r.total || 1} label={`run ${r.name}`} />
              </li>
            );
          })}
        </ul>
      </Card>
    </div>
  );
}
