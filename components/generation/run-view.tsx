"use client";
// One run, live: progress per task and provider, spend against the budget,
// failures by reason, the MCQ answer-letter balance, the newest samples, and
// pause / resume / cancel / re-run failed.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { Progress } from "@/components/ui/progress";
import { api } from "@/lib/client/api";
import { statusTone } from "./status";

type Progress = {
  run: { id: number; name: string; status: string; mode: string; spentUsd: number; budgetUsd: number | null; message: string | null; projectId: number; createdAt: string; finishedAt: string | null };
  lanes: { task: string; providerId: number; counts: Record<string, number>; total: number }[];
  providers: { id: number; name: string; model: string }[];
  errors: { kind: string; count: number; example: string | null }[];
  letters: { letters: { letter: string; observed: number; expected: number }[]; statistic: number; df: number; pValue: number } | null;
  tokens: { input: number; output: number };
  avgLatencyMs: number | null;
  batches: { id: number; providerId: number; status: string; externalId: string | null; requestCount: number; error: string | null }[];
};
type SampleRow = { id: number; task: string; structured: Record<string, unknown>; problems: { code: string; message: string }[]; figure: { figLabel: string; customId: string } };

const STATES = ["succeeded", "sending", "batched", "queued", "failed", "cancelled"] as const;

export function RunView({ runId }: { runId: number }) {
  const qc = useQueryClient();
  const [budget, setBudget] = useState("");
  const progress = useQuery({
    queryKey: ["generation-run", runId],
    queryFn: () => api<Progress>(`/api/generation/runs/${runId}`),
    refetchInterval: (q) => (q.state.data?.run.status === "running" ? 1_000 : false),
  });
  const samples = useQuery({
    queryKey: ["generation-samples", runId, progress.data?.lanes.reduce((s, l) => s + (l.counts.succeeded ?? 0), 0)],
    queryFn: () => api<SampleRow[]>(`/api/generation/runs/${runId}/samples?limit=20`),
    enabled: Boolean(progress.data),
  });
  const act = useMutation({
    mutationFn: (action: "pause" | "resume" | "cancel" | "retry-failed") =>
      api(`/api/generation/runs/${runId}/${action}`, { method: "POST", json: action === "resume" && budget ? { budgetUsd: Number(budget) } : {} }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ["generation-run", runId] }),
  });
  const d = progress.data;
  if (progress.error) return <p className="p-8 text-bad">{progress.error.message}</p>;
  if (!d) return <p className="p-8 text-muted">Loading…</p>;
  const { run } = d;
  const total = d.lanes.reduce((s, l) => s + l.total, 0);
  const count = (k: string) => d.lanes.reduce((s, l) => s + (l.counts[k] ?? 0), 0);
  const providerName = (id: number) => d.providers.find((p) => p.id === id)?.name ?? `provider ${id}`;
  return (
    <div className="mx-auto max-w-5xl space-y-6 p-6" data-testid="run-view" data-status={run.status}>
      <div className="flex items-center gap-3">
        <Link href="/generate" className="text-sm text-muted">
          ← Runs
        </Link>
        <h1 className="text-xl font-semibold">{run.name}</h1>
        <Badge tone={statusTone(run.status)} data-testid="run-status">
          {run.status.replace("_", " ")}
        </Badge>
        {run.mode === "batch" && <Badge>batch (half price)</Badge>}
      </div>
      <Card className="space-y-3">
        <div className="flex flex-wrap items-center gap-4 text-sm">
          <span data-testid="run-counts">
            <b>{count("succeeded")}</b> of {total} answered · {count("failed")} failed · {count("sending") + count("batched")} in flight · {count("queued")} waiting
          </span>
          <span data-testid="run-spend">
            spent <b>${run.spentUsd.toFixed(4)}</b>
            {run.budgetUsd !== null && ` of $${run.budgetUsd.toFixed(2)} budget`}
          </span>
          <span className="text-muted">
            {(d.tokens.input / 1e3).toFixed(1)} k in / {(d.tokens.output / 1e3).toFixed(1)} k out tokens
            {d.avgLatencyMs !== null && ` · ${(d.avgLatencyMs / 1000).toFixed(1)} s per answer`}
          </span>
        </div>
        {run.message && <p className="text-sm text-muted">{run.message}</p>}
        <div className="flex flex-wrap items-center gap-2">
          {run.status === "running" && (
            <Button variant="secondary" onClick={() => act.mutate("pause")}>
              Pause
            </Button>
          )}
          {(run.status === "paused" || run.status === "budget_stopped") && (
            <>
              {run.status === "budget_stopped" && (
                <Input className="w-32" type="number" min={0} step="any" placeholder="new budget $" value={budget} onChange={(e) => setBudget(e.target.value)} aria-label="New budget" />
              )}
              <Button onClick={() => act.mutate("resume")}>Resume</Button>
            </>
          )}
          {["running", "paused", "budget_stopped"].includes(run.status) && (
            <Button variant="danger" onClick={() => act.mutate("cancel")}>
              Cancel run
            </Button>
          )}
          {count("failed") > 0 && run.status !== "cancelled" && (
            <Button variant="secondary" onClick={() => act.mutate("retry-failed")}>
              Re-run {count("failed")} failed
            </Button>
          )}
          {act.error && <span className="text-sm text-bad">{act.error.message}</span>}
        </div>
      </Card>
      <Card className="space-y-3">
        <h2 className="font-semibold">Progress by task and provider</h2>
        {d.lanes.map((l) => {
          const done = (l.counts.succeeded ?? 0) + (l.counts.failed ?? 0) + (l.counts.cancelled ?? 0);
          return (
            <div key={`${l.task}-${l.providerId}`} className="space-y-1" data-testid={`lane-${l.task}-${l.providerId}`}>
              <div className="flex text-sm">
                <span className="w-14 font-medium">{l.task.toUpperCase()}</span>
                <span className="text-muted">{providerName(l.providerId)}</span>
                <span className="ml-auto text-xs text-muted">
                  {STATES.filter((s) => l.counts[s]).map((s) => `${l.counts[s]} ${s}`).join(" · ")}
                </span>
              </div>
              <Progress value={done} max={l.total || 1} label={`${l.task} with ${providerName(l.providerId)}`} />
            </div>
          );
        })}
      </Card>
      {d.errors.length > 0 && (
        <Card>
          <h2 className="mb-2 font-semibold">Failures by reason</h2>
          <ul className="space-y-1 text-sm" data-testid="run-errors">
            {d.errors.map((e) => (
              <li key={e.kind}>
                <Badge tone="bad">{e.kind}</Badge> {e.count} · <span className="text-muted">{e.example}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {d.letters && (
        <Card>
          <h2 className="mb-2 font-semibold">MCQ answer letters</h2>
          <div className="flex gap-3 text-sm" data-testid="letter-balance">
            {d.letters.letters.map((l) => (
              <span key={l.letter}>
                <b>{l.letter}</b> {l.observed} <span className="text-xs text-muted">(expected {l.expected.toFixed(1)})</span>
              </span>
            ))}
          </div>
          <p className="mt-1 text-xs text-muted">
            χ² = {d.letters.statistic.toFixed(2)}, df = {d.letters.df}, p = {d.letters.pValue.toFixed(3)}
            {d.letters.pValue < 0.01 ? " — the correct letters are unbalanced" : " — balanced"}
          </p>
        </Card>
      )}
      {d.batches.length > 0 && (
        <Card>
          <h2 className="mb-2 font-semibold">Provider batches</h2>
          <ul className="text-sm">
            {d.batches.map((b) => (
              <li key={b.id}>
                #{b.id} {providerName(b.providerId)} · {b.requestCount} requests · <Badge tone={statusTone(b.status === "ended" ? "succeeded" : b.status)}>{b.status}</Badge>{" "}
                <span className="text-xs text-muted">{b.externalId}</span> {b.error && <span className="text-bad">{b.error}</span>}
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Card>
        <h2 className="mb-2 font-semibold">Samples (ready for review)</h2>
        {samples.data?.length === 0 && <p className="text-sm text-muted">None yet.</p>}
        <ul className="divide-y divide-line text-sm" data-testid="run-samples">
          {samples.data?.map((s) => (
            <li key={s.id} className="py-2">
              <div className="flex gap-2">
                <Badge>{s.task.toUpperCase()}</Badge>
                <span className="text-muted">{s.figure.figLabel || s.figure.customId}</span>
                {s.problems.length > 0 && <Badge tone="warn">{s.problems.map((p) => p.code).join(", ")}</Badge>}
              </div>
              <details className="mt-1">
                <summary className="cursor-pointer text-muted">{preview(s)}</summary>
                <SampleBody s={s} />
              </details>
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}

/** The whole sample, as a curator reads it (review and editing come with the review queue). */
function SampleBody({ s }: { s: SampleRow }) {
  const x = s.structured as {
    question_stem?: string;
    answer_choices?: string[];
    correct_answer?: string;
    discussion?: string;
    qa_pairs?: { question: string; answer: string }[];
    one_liner?: string;
    ddx?: string[];
  };
  return (
    <div className="mt-2 space-y-1 rounded-md bg-panel-2 p-3 text-xs leading-relaxed">
      {x.qa_pairs?.map((qa, i) => (
        <p key={i}>
          <b>Q:</b> {qa.question}
          <br />
          <b>A:</b> {qa.answer}
        </p>
      ))}
      {x.question_stem && (
        <>
          <p>{x.question_stem}</p>
          <ul>{x.answer_choices?.map((c) => <li key={c}>{c === x.correct_answer ? <b>{c} ✓</b> : c}</li>)}</ul>
          <p className="text-muted">{x.discussion}</p>
        </>
      )}
      {x.one_liner && (
        <>
          <p>{x.one_liner}</p>
          <ol className="list-decimal pl-5">{x.ddx?.map((d) => <li key={d}>{d}</li>)}</ol>
        </>
      )}
      {s.problems.map((p) => (
        <p key={p.code} className="text-warn">
          {p.code}: {p.message}
        </p>
      ))}
    </div>
  );
}

function preview(s: SampleRow): string {
  const x = s.structured as { question_stem?: string; one_liner?: string; qa_pairs?: { question: string }[] };
  return x.question_stem ?? x.one_liner ?? x.qa_pairs?.[0]?.question ?? JSON.stringify(s.structured).slice(0, 200);
}
