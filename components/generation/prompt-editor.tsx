"use client";
// Curators edit a task's prompt: the system prompt, the few-shot library (k
// examples are drawn per request, with a recorded seed) and k. Saving writes
// a new version; earlier runs keep the version they used.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { api } from "@/lib/client/api";
import { ProjectSelect } from "@/components/shell/project-select";

type Task = "ift" | "mcq" | "ddx";
type Version = { id: number; version: number; systemPrompt: string; fewShots: unknown[]; fewShotK: number; note: string; createdAt: string; createdBy: { name: string } | null };

export function PromptEditor({ projectId, projects }: { projectId: number; projects: { id: number; name: string }[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const [task, setTask] = useState<Task>("mcq");
  const versions = useQuery({ queryKey: ["prompts", projectId, task], queryFn: () => api<Version[]>(`/api/projects/${projectId}/prompts/${task}`) });
  const latest = versions.data?.[0];
  return (
    <div className="mx-auto max-w-5xl space-y-6 p-6">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">Prompts</h1>
        <div className="flex rounded-md border border-line p-0.5 text-sm" role="tablist" aria-label="Task">
          {(["ift", "mcq", "ddx"] as const).map((t) => (
            <button key={t} role="tab" aria-selected={task === t} onClick={() => setTask(t)} className={`rounded px-3 py-1 ${task === t ? "bg-panel-2 text-fg" : "text-muted"}`}>
              {t.toUpperCase()}
            </button>
          ))}
        </div>
        <ProjectSelect projects={projects} value={projectId} onChange={(id) => router.push(`${pathname}?project=${id}`)} />
      </div>
      {latest && <VersionForm key={`${task}-${latest.id}`} projectId={projectId} task={task} latest={latest} />}
      <Card>
        <h2 className="mb-2 font-semibold">Versions</h2>
        <ul className="text-sm">
          {versions.data?.map((v) => (
            <li key={v.id} className="py-1">
              <Badge>v{v.version}</Badge> {v.note || "—"} <span className="text-xs text-muted">· {v.fewShots.length} examples, k = {v.fewShotK} · {v.createdBy?.name ?? "built in"} · {new Date(v.createdAt).toLocaleString()}</span>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

function VersionForm({ projectId, task, latest }: { projectId: number; task: Task; latest: Version }) {
  const qc = useQueryClient();
  const [systemPrompt, setSystemPrompt] = useState(latest.systemPrompt);
  const [shots, setShots] = useState(JSON.stringify(latest.fewShots, null, 2));
  const [k, setK] = useState(latest.fewShotK);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => {
      let fewShots: unknown;
      try {
        fewShots = JSON.parse(shots);
      } catch (e) {
        throw new Error(`The few-shot library is not valid JSON: ${(e as Error).message}`);
      }
      return api<Version>(`/api/projects/${projectId}/prompts/${task}`, { method: "POST", json: { systemPrompt, fewShots, fewShotK: k, note } });
    },
    onSuccess: () => {
      setError(null);
      void qc.invalidateQueries({ queryKey: ["prompts", projectId, task] });
    },
    onError: (e) => setError(e.message),
  });
  return (
    <Card className="space-y-3" data-testid="prompt-form">
      <h2 className="font-semibold">
        {task.toUpperCase()} prompt, editing from v{latest.version}
      </h2>
      <Label>
        System prompt
        <textarea className="h-64 rounded-md border border-line bg-panel-2 p-3 font-mono text-xs text-fg" value={systemPrompt} onChange={(e) => setSystemPrompt(e.target.value)} />
      </Label>
      <Label>
        Few-shot library (JSON: [{"{"} id, figure: {"{"} figLabel, caption, mentions {"}"}, output {"}"}], text only)
        <textarea className="h-64 rounded-md border border-line bg-panel-2 p-3 font-mono text-xs text-fg" value={shots} onChange={(e) => setShots(e.target.value)} />
      </Label>
      <div className="flex items-end gap-3">
        <Label>
          Examples per request (k)
          <Input type="number" min={0} max={20} value={k} onChange={(e) => setK(Number(e.target.value))} />
        </Label>
        <Label className="flex-1">
          What changed
          <Input value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. stricter distractors" />
        </Label>
        <Button onClick={() => save.mutate()} disabled={save.isPending}>
          Save as v{latest.version + 1}
        </Button>
      </div>
      {error && <p className="text-sm text-bad">{error}</p>}
    </Card>
  );
}
