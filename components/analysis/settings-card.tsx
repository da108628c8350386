"use client";
// Labels per figure, retraining cadence, and which effective labels feed
// each generation task, with how many figures each rule selects now.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Card } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import type { LabelDef } from "@/components/label/types";
import { api } from "@/lib/client/api";

type Rules = { ift: number[] | null; mcq: number[] | null; ddx: number[] | null; threshold: number };
type Eligibility = { rules: Rules; labelsPerFigure: number; perTask: Record<"ift" | "mcq" | "ddx", number>; total: number };
const TASKS = [
  ["ift", "IFT (instruction conversations)"],
  ["mcq", "MCQ (multiple choice)"],
  ["ddx", "DDx (differential diagnosis)"],
] as const;

export function SettingsCard({ projectId, labels, canEdit }: { projectId: number; labels: LabelDef[]; canEdit: boolean }) {
  const qc = useQueryClient();
  const elig = useQuery({ queryKey: ["eligibility", projectId], queryFn: () => api<Eligibility>(`/api/projects/${projectId}/eligibility`) });
  const patch = useMutation({
    mutationFn: (body: object) => api(`/api/projects/${projectId}/settings`, { method: "PATCH", json: body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ["eligibility", projectId] }),
  });
  const rules = elig.data?.rules;
  const toggle = (task: "ift" | "mcq" | "ddx", value: number) => {
    const cur = rules?.[task] ?? labels.map((l) => l.value);
    const next = cur.includes(value) ? cur.filter((v) => v !== value) : [...cur, value];
    patch.mutate({ eligibility: { [task]: next.length === labels.length ? null : next } });
  };
  return (
    <Card className="space-y-3" data-testid="eligibility">
      <h2 className="font-semibold">Which figures feed which task</h2>
      <p className="text-xs text-muted">
        A figure counts by its curator adjudication, else its clinicians&apos; consensus label, else the filter model&apos;s prediction at the threshold.
      </p>
      <table className="text-sm">
        <tbody>
          {TASKS.map(([task, title]) => (
            <tr key={task}>
              <td className="py-1 pr-4">{title}</td>
              {labels.map((l) => (
                <td key={l.value} className="pr-3">
                  <label className="flex items-center gap-1">
                    <input
                      type="checkbox"
                      disabled={!canEdit || patch.isPending}
                      checked={rules ? rules[task] === null || rules[task]!.includes(l.value) : false}
                      onChange={() => toggle(task, l.value)}
                    />
                    {l.name}
                  </label>
                </td>
              ))}
              <td className="text-muted" data-testid={`eligible-${task}`}>
                {elig.data ? `${elig.data.perTask[task]} of ${elig.data.total} figures` : "…"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit && rules && (
        <div className="flex gap-4">
          <Label>
            Model threshold
            <Input
              type="number"
              step="0.05"
              min={0}
              max={1}
              defaultValue={rules.threshold}
              onBlur={(e) => patch.mutate({ eligibility: { threshold: Number(e.target.value) } })}
              className="w-28"
            />
          </Label>
          <Label>
            Labels per figure (overlap)
            <Input type="number" min={1} max={5} defaultValue={elig.data?.labelsPerFigure ?? 1} onBlur={(e) => patch.mutate({ labelsPerFigure: Number(e.target.value) })} className="w-28" />
          </Label>
        </div>
      )}
      {patch.error && <p className="text-sm text-bad">{patch.error.message}</p>}
    </Card>
  );
}
