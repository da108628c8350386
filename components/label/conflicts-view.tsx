"use client";
// Curators settle figures whose labels disagree: the final label wins over
// the clinicians' labels for training and task eligibility.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { api } from "@/lib/client/api";
import type { LabelDef } from "./types";

type Conflict = { id: number; fig_label: string; caption: string; image_hash: string | null; labels: { email: string; value: number }[] };
type Agreement = { method: string; kappa?: number | null; figures?: number; observed?: number; reason?: string; raters?: unknown };

export function ConflictsView({ projectId, labels }: { projectId: number; labels: LabelDef[] }) {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ["conflicts", projectId], queryFn: () => api<Conflict[]>(`/api/projects/${projectId}/label/conflicts`) });
  const agreement = useQuery({ queryKey: ["agreement", projectId], queryFn: () => api<Agreement>(`/api/projects/${projectId}/label/agreement`) });
  const settle = useMutation({
    mutationFn: ({ id, value }: { id: number; value: number }) => api(`/api/figures/${id}/adjudication`, { method: "PUT", json: { value } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["conflicts", projectId] }),
  });
  const name = (v: number) => labels.find((l) => l.value === v)?.name ?? String(v);
  const a = agreement.data;
  return (
    <div className="mx-auto max-w-5xl space-y-4 p-6">
      <h1 className="text-xl font-semibold">Label conflicts</h1>
      <Card className="text-sm" data-testid="agreement">
        {!a ? (
          "…"
        ) : a.method === "none" ? (
          <span className="text-muted">{a.reason}</span>
        ) : (
          <span>
            {a.method === "cohen" ? "Cohen's" : "Fleiss'"} κ = <b>{a.kappa === null || a.kappa === undefined ? "n/a" : a.kappa.toFixed(3)}</b> over {a.figures}{" "}
            figures; raw agreement {((a.observed ?? 0) * 100).toFixed(1)}%
          </span>
        )}
      </Card>
      {list.data?.length === 0 && <p className="text-muted">No open conflicts.</p>}
      {list.data?.map((c) => (
        <Card key={c.id} className="flex gap-4 p-4" data-testid={`conflict-${c.id}`}>
          {c.image_hash ? (
            // eslint-disable-next-line @next/next/no-img-element -- our thumbnails
            <img src={`/api/figures/${c.id}/image?size=thumb`} alt={c.fig_label} className="h-40 w-40 shrink-0 rounded bg-black object-contain" />
          ) : (
            <div className="flex h-40 w-40 shrink-0 items-center justify-center rounded bg-black text-xs text-warn">caption only</div>
          )}
          <div className="min-w-0 flex-1 space-y-2 text-sm">
            <p className="font-medium">{c.fig_label}</p>
            <p className="line-clamp-3 text-muted">{c.caption}</p>
            <p>
              {c.labels.map((l) => (
                <span key={l.email} className="mr-3">
                  {l.email}: <b>{name(l.value)}</b>
                </span>
              ))}
            </p>
            <div className="flex gap-2">
              {labels.map((l) => (
                <Button key={l.value} size="sm" variant="secondary" onClick={() => settle.mutate({ id: c.id, value: l.value })}>
                  Final: {l.name}
                </Button>
              ))}
            </div>
          </div>
        </Card>
      ))}
    </div>
  );
}
