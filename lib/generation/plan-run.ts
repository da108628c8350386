import "server-only";
// What a run will ask: for each task, the eligible figures that have an image
// (labels / filter model, lib/labels/eligibility.ts), split between providers
// by their shares, times samples per figure. Used for the estimate shown
// before starting and for the request rows written at start.
import { z } from "zod";
import { db, type Provider, type PromptVersion } from "@/lib/db/client";
import { HttpError } from "@/lib/http/problem";
import { eligibleFigureIds } from "@/lib/labels/eligibility";
import { projectSettingsSchema } from "@/lib/projects/label-schema";
import { imageTokens, LLM_MAX_EDGE } from "./llm-image";
import { currentPrompts } from "./prompts";
import { requestKey } from "./request-key";
import { seedFrom } from "./tasks";

export const runInput = z.object({
  name: z.string().trim().min(1, "give the run a name").max(120),
  tasks: z.array(z.enum(["ift", "mcq", "ddx"])).min(1, "choose at least one task"),
  providers: z
    .array(z.object({ providerId: z.number().int().positive(), share: z.number().positive().max(1_000) }))
    .min(1, "choose at least one provider"),
  samplesPerFigure: z.number().int().min(1).max(20).default(1),
  /** A pilot run: at most this many figures per task. */
  maxFigures: z.number().int().positive().max(10_000_000).nullable().default(null),
  mode: z.enum(["realtime", "batch"]).default("realtime"),
  budgetUsd: z.number().positive().max(1_000_000).nullable().default(null),
  temperature: z.number().min(0).max(2).default(0.7),
});
export type RunInput = z.infer<typeof runInput>;

export type PlannedRequest = {
  key: string;
  figureId: number;
  task: "ift" | "mcq" | "ddx";
  providerId: number;
  promptVersionId: number;
  sampleIndex: number;
  seed: number;
  params: { temperature: number; maxTokens: number };
  inputEstimate: number;
};

// Typical answer lengths (tokens) for the estimate; the cap is max_tokens.
const TYPICAL_OUTPUT = { ift: 450, mcq: 500, ddx: 160 } as const;

export async function planRun(projectId: number, input: RunInput) {
  const project = await db().project.findUnique({ where: { id: projectId } });
  if (!project) throw new HttpError(404, "Not found", `Project ${projectId} does not exist.`);
  const providers = await db().provider.findMany({ where: { id: { in: input.providers.map((p) => p.providerId) } } });
  for (const choice of input.providers) {
    const p = providers.find((x) => x.id === choice.providerId);
    if (!p) throw new HttpError(400, "Unknown provider", `Provider ${choice.providerId} does not exist; an admin adds providers on the Admin page.`);
    if (!p.enabled) throw new HttpError(400, "Provider disabled", `${p.name} is disabled; an admin can enable it on the Admin page.`);
  }
  const rules = projectSettingsSchema.parse(project.settings).eligibility;
  const prompts = await currentPrompts(projectId, input.tasks);
  const split = weightedSplit(input.providers.map((c) => ({ provider: providers.find((p) => p.id === c.providerId)!, share: c.share })));

  const planned: PlannedRequest[] = [];
  const eligible: Record<string, number> = {};
  for (const task of input.tasks) {
    const ids = await eligibleFigureIds(db(), projectId, task, rules);
    const figures = await db().figure.findMany({
      where: { id: { in: ids }, imageHash: { not: null } },
      select: { id: true, imageHash: true, width: true, height: true, caption: true, mentions: true, figLabel: true },
      orderBy: { id: "asc" },
      take: input.maxFigures ?? undefined,
    });
    eligible[task] = figures.length;
    const prompt = prompts[task]!;
    const promptChars = prompt.systemPrompt.length + fewShotChars(prompt);
    figures.forEach((f, i) => {
      const provider = split(i);
      const params = { temperature: input.temperature, maxTokens: provider.maxOutputTokens };
      const [w, h] = fitted(f.width ?? LLM_MAX_EDGE, f.height ?? LLM_MAX_EDGE);
      const text = promptChars + f.caption.length + f.figLabel.length + f.mentions.reduce((n, m) => n + m.length, 0);
      const inputEstimate = Math.ceil(text / 4) + imageTokens(provider.kind, w, h);
      for (let s = 0; s < input.samplesPerFigure; s++) {
        // The seed (few-shot draw, DDx wording) is recorded; 31 bits fit Postgres' integer.
        const key = requestKey({ task, figureId: f.id, promptVersionId: prompt.id, model: provider.model, params, imageHash: f.imageHash!, sampleIndex: s });
        planned.push({ key, figureId: f.id, task, providerId: provider.id, promptVersionId: prompt.id, sampleIndex: s, seed: seedFrom(key) % 2 ** 31, params, inputEstimate });
      }
    });
  }
  return { planned, providers, eligible, estimate: estimate(planned, providers, input.mode, await typicalLatency(providers)) };
}

/** Figure i → provider, so that shares hold over every prefix (a deterministic weighted round-robin). */
function weightedSplit(choices: { provider: Provider; share: number }[]): (i: number) => Provider {
  const total = choices.reduce((s, c) => s + c.share, 0);
  const credit = choices.map(() => 0);
  const order: Provider[] = [];
  return (i) => {
    while (order.length <= i) {
      choices.forEach((c, j) => (credit[j]! += c.share / total));
      let best = 0;
      credit.forEach((c, j) => {
        if (c > credit[best]!) best = j;
      });
      credit[best]! -= 1;
      order.push(choices[best]!.provider);
    }
    return order[i]!;
  };
}

function fewShotChars(p: PromptVersion): number {
  const shots = p.fewShots as unknown[];
  if (!shots.length) return 0;
  const avg = JSON.stringify(shots).length / shots.length;
  return Math.round(avg * Math.min(p.fewShotK, shots.length));
}

function fitted(w: number, h: number): [number, number] {
  const s = Math.min(1, LLM_MAX_EDGE / Math.max(w, h));
  return [Math.round(w * s), Math.round(h * s)];
}

export type RunEstimate = {
  requests: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  minutes: number;
  perProvider: { providerId: number; name: string; requests: number; costUsd: number; minutes: number; limitedBy: string }[];
};

/** Before a provider has answered enough requests to go by: a vision call with structured output. */
const ASSUMED_LATENCY_MS = 15_000;
const LATENCY_SAMPLE = 200;

/**
 * Each provider's median latency over its last answered requests (any run),
 * or the assumption while it has fewer than 20: with `concurrency` requests
 * in flight, latency caps the pace as surely as the rate limits do.
 */
async function typicalLatency(providers: Provider[]): Promise<Map<number, { ms: number; measured: boolean }>> {
  const out = new Map<number, { ms: number; measured: boolean }>();
  for (const p of providers) {
    const rows = await db().generationRequest.findMany({
      where: { providerId: p.id, latencyMs: { not: null } },
      select: { latencyMs: true },
      orderBy: { id: "desc" },
      take: LATENCY_SAMPLE,
    });
    const ms = rows.map((r) => r.latencyMs!).sort((a, b) => a - b);
    out.set(p.id, ms.length >= 20 ? { ms: ms[Math.floor(ms.length / 2)]!, measured: true } : { ms: ASSUMED_LATENCY_MS, measured: false });
  }
  return out;
}

function estimate(
  planned: PlannedRequest[],
  providers: Provider[],
  mode: "realtime" | "batch",
  latency: Map<number, { ms: number; measured: boolean }>,
): RunEstimate {
  const perProvider = providers.map((p) => {
    const mine = planned.filter((r) => r.providerId === p.id);
    const input = mine.reduce((s, r) => s + r.inputEstimate, 0);
    const output = mine.reduce((s, r) => s + TYPICAL_OUTPUT[r.task], 0);
    const cost = ((input * p.inputPricePerMTok + output * p.outputPricePerMTok) / 1e6) * (mode === "batch" ? 0.5 : 1);
    // Minutes at each limit; the slowest one decides.
    const perReqIn = mine.length ? input / mine.length : 0;
    const limits: [string, number][] = [["requests/min", mine.length / p.requestsPerMinute]];
    if (p.tokensPerMinute) limits.push(["tokens/min", mine.reduce((s, r) => s + r.inputEstimate + r.params.maxTokens, 0) / p.tokensPerMinute]);
    if (p.inputTokensPerMinute) limits.push(["input tokens/min", (perReqIn * mine.length) / p.inputTokensPerMinute]);
    if (p.outputTokensPerMinute) limits.push(["output tokens/min", mine.reduce((s, r) => s + r.params.maxTokens, 0) / p.outputTokensPerMinute]);
    const lat = latency.get(p.id) ?? { ms: ASSUMED_LATENCY_MS, measured: false };
    const each = `~${Math.round(lat.ms / 100) / 10} s each${lat.measured ? "" : ", assumed until 20 answers"}`;
    limits.push([`concurrency: ${p.concurrency} at a time, ${each}`, (mine.length * lat.ms) / p.concurrency / 60_000]);
    const [limitedBy, minutes] = limits.reduce((a, b) => (b[1] > a[1] ? b : a));
    return { providerId: p.id, name: p.name, requests: mine.length, costUsd: cost, minutes: mode === "batch" ? Math.max(minutes, 60) : minutes, limitedBy: mode === "batch" ? "batch turnaround (up to 24 h)" : limitedBy, input, output };
  });
  return {
    requests: planned.length,
    inputTokens: perProvider.reduce((s, p) => s + p.input, 0),
    outputTokens: perProvider.reduce((s, p) => s + p.output, 0),
    costUsd: perProvider.reduce((s, p) => s + p.costUsd, 0),
    minutes: Math.max(0, ...perProvider.map((p) => p.minutes)),
    perProvider: perProvider.map((p) => ({ providerId: p.providerId, name: p.name, requests: p.requests, costUsd: p.costUsd, minutes: p.minutes, limitedBy: p.limitedBy })),
  };
}
