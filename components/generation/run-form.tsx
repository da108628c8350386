"use client";
// Start a generation run: tasks, providers and their shares, samples per
// figure, an optional pilot cap, realtime or batch, a budget. The estimate
// (requests, tokens, cost, time and which limit decides it) updates as the
// form changes; nothing is sent until "Start".
import { useMutation, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/input";
import { api } from "@/lib/client/api";
import type { RunEstimate } from "@/lib/generation/plan-run";
import type { ProviderView } from "./provider-admin";

type Task = "ift" | "mcq" | "ddx";
type Estimate = {
  estimate: RunEstimate;
  eligible: Record<string, number>;
};

const TASKS: { id: Task; name: string; hint: string }[] = [
  { id: "ift", name: "IFT", hint: "question–answer conversation about the image" },
  { id: "mcq", name: "MCQ", hint: "board-style vignette, one best answer" },
  { id: "ddx", name: "DDx", hint: "one-liner and ranked differential" },
];

function duration(min: number): string {
  if (min < 1) return `${Math.max(1, Math.round(min * 60))} s`;
  if (min < 90) return `${Math.round(min)} min`;
  return `${(min / 60).toFixed(1)} h`;
}

export function RunForm({ projectId, isAdmin }: { projectId: number; isAdmin: boolean }) {
  const router = useRouter();
  const providers = useQuery({ queryKey: ["providers"], queryFn: () => api<ProviderView[]>("/api/providers") });
  const [name, setName] = useState(`Run ${new Date().toISOString().slice(0, 16).replace("T", " ")}`);
  const [tasks, setTasks] = useState<Task[]>(["ift", "mcq", "ddx"]);
  const [shares, setShares] = useState<Record<number, number>>({});
  const [samplesPerFigure, setSamples] = useState(1);
  const [maxFigures, setMaxFigures] = useState<string>("");
  const [mode, setMode] = useState<"realtime" | "batch">("realtime");
  const [budget, setBudget] = useState<string>("");
  const [temperature, setTemperature] = useState(0.7);
  const chosen = Object.entries(shares)
    .filter(([, s]) => s > 0)
    .map(([id, share]) => ({ providerId: Number(id), share }));
  const body = {
    name,
    tasks,
    providers: chosen,
    samplesPerFigure,
    maxFigures: maxFigures ? Number(maxFigures) : null,
    mode,
    budgetUsd: budget ? Number(budget) : null,
    temperature,
  };
  const deferred = useDeferredValue(JSON.stringify(body));
  const ready = tasks.length > 0 && chosen.length > 0;
  const estimate = useQuery({
    queryKey: ["estimate", projectId, deferred],
    queryFn: () => api<Estimate>(`/api/projects/${projectId}/generation/estimate`, { method: "POST", json: JSON.parse(deferred) }),
    enabled: ready,
    retry: false,
  });
  const start = useMutation({
    mutationFn: () => api<{ id: number }>(`/api/projects/${projectId}/generation/runs`, { method: "POST", json: body }),
    onSuccess: (r) => router.push(`/generate/${r.id}`),
  });

  if (providers.data?.length === 0) {
    return (
      <Card data-testid="no-provider">
        <h2 className="mb-2 text-lg font-semibold">New run</h2>
        <p className="text-sm text-muted">
          No LLM provider is configured. {isAdmin ? "Add one on the Admin page (OpenAI, Anthropic, or an OpenAI-compatible server)." : "Ask an admin to add one (OpenAI, Anthropic, or an OpenAI-compatible server)."}
        </p>
      </Card>
    );
  }
  const e = estimate.data?.estimate;
  return (
    <Card className="space-y-4" data-testid="run-form">
      <h2 className="text-lg font-semibold">New run</h2>
      <Label>
        Name
        <Input value={name} onChange={(ev) => setName(ev.target.value)} aria-label="Run name" />
      </Label>
      <fieldset className="space-y-1">
        <legend className="text-xs font-medium text-muted">Tasks (figures eligible by the project&apos;s labels and filter model)</legend>
        {TASKS.map((t) => (
          <label key={t.id} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={tasks.includes(t.id)}
              onChange={(ev) => setTasks((cur) => (ev.target.checked ? [...cur, t.id] : cur.filter((x) => x !== t.id)))}
            />
            <span className="font-medium">{t.name}</span>
            <span className="text-muted">{t.hint}</span>
            {estimate.data && tasks.includes(t.id) && <span className="text-xs text-muted">· {estimate.data.eligible[t.id] ?? 0} figures</span>}
          </label>
        ))}
      </fieldset>
      <fieldset className="space-y-1">
        <legend className="text-xs font-medium text-muted">Providers and their share of the figures (e.g. 1 and 1: half each)</legend>
        {providers.data?.map((p) => (
          <label key={p.id} className="flex items-center gap-2 text-sm">
            <Input
              type="number"
              min={0}
              step="any"
              className="w-20"
              aria-label={`Share for ${p.name}`}
              value={shares[p.id] ?? 0}
              onChange={(ev) => setShares((s) => ({ ...s, [p.id]: Number(ev.target.value) }))}
            />
            <span className="font-medium">{p.name}</span>
            <span className="text-muted">
              {p.model} · {p.requestsPerMinute} req/min · ${p.inputPricePerMTok}/${p.outputPricePerMTok} per M tokens
            </span>
          </label>
        ))}
      </fieldset>
      <div className="grid grid-cols-5 gap-3">
        <Label>
          Samples per figure
          <Input type="number" min={1} max={20} value={samplesPerFigure} onChange={(ev) => setSamples(Number(ev.target.value) || 1)} />
        </Label>
        <Label>
          Pilot: at most N figures per task
          <Input type="number" min={1} value={maxFigures} placeholder="all" onChange={(ev) => setMaxFigures(ev.target.value)} aria-label="Max figures" />
        </Label>
        <Label>
          Mode
          <Select value={mode} onChange={(ev) => setMode(ev.target.value as "realtime" | "batch")} aria-label="Mode">
            <option value="realtime" title="Sent as fast as the provider's rate limits allow">Realtime</option>
            <option value="batch" title="The provider's batch API: half price, results within 24 h">Batch (½ price, ≤ 24 h)</option>
          </Select>
        </Label>
        <Label>
          Temperature
          <Input
            type="number"
            min={0}
            max={2}
            step={0.1}
            value={temperature}
            onChange={(ev) => setTemperature(Math.min(2, Math.max(0, Number(ev.target.value) || 0)))}
            aria-label="Temperature"
          />
        </Label>
        <Label>
          Budget cap (USD)
          <Input type="number" min={0} step="any" value={budget} placeholder="none" onChange={(ev) => setBudget(ev.target.value)} aria-label="Budget" />
        </Label>
      </div>
      <div className="rounded-md border border-line bg-panel-2 p-3 text-sm" data-testid="estimate">
        {!ready ? (
          <span className="text-muted">Choose at least one task and give a provider a share to see the estimate.</span>
        ) : estimate.error ? (
          <span className="text-bad">{estimate.error.message}</span>
        ) : !e ? (
          <span className="text-muted">Estimating…</span>
        ) : (
          <>
            <p>
              <b>{e.requests.toLocaleString()}</b> requests · about <b>${e.costUsd.toFixed(2)}</b> · about <b>{duration(e.minutes)}</b> ·{" "}
              {(e.inputTokens / 1e6).toFixed(2)} M input + {(e.outputTokens / 1e6).toFixed(2)} M output tokens
            </p>
            <ul className="mt-1 text-xs text-muted">
              {e.perProvider.map((p) => (
                <li key={p.providerId}>
                  {p.name}: {p.requests.toLocaleString()} requests, ${p.costUsd.toFixed(2)}, {duration(p.minutes)} (limited by {p.limitedBy})
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="flex items-center gap-3">
        <Button onClick={() => start.mutate()} disabled={!ready || start.isPending || !e || e.requests === 0}>
          Start run
        </Button>
        {start.error && <span className="text-sm text-bad">{start.error.message}</span>}
      </div>
    </Card>
  );
}
