// Shared by the generation benchmarks (P5, R1) and the kill test: a project
// with small synthetic figures, the worker as a separate process (the real
// workers/index.ts, as deployed), and the exactly-once audit of a run.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createUser } from "@/lib/auth/users";
import { db } from "@/lib/db/client";
import { closeGenerationQueues, generationQueue } from "@/lib/generation/queues";
import { runImport } from "@/lib/imports/run";
import type { FakeProvider, FakeStats } from "@/lib/llm/fake-provider";
import { createProvider, type ProviderInput } from "@/lib/llm/providers";
import { closeRedis } from "@/lib/queue/connection";
import type { BenchEnv } from "./env";
import { pngFor } from "./png";
import { makeProject } from "./project";

const REPO = path.resolve(import.meta.dirname, "../..");

/**
 * A project of `n` figures, each a distinct 32×32 PNG (2 input tokens by
 * Anthropic's formula, 255 by OpenAI's) with a one-line caption, imported
 * through runImport; every figure eligible for every task. And a curator.
 */
export async function generationProject(n: number, workDir: string): Promise<{ projectId: number; userId: string }> {
  const dir = path.join(workDir, "records");
  mkdirSync(path.join(dir, "images"), { recursive: true });
  const lines = Array.from({ length: n }, (_, i) => {
    const id = `gen-${String(i).padStart(6, "0")}`;
    writeFileSync(path.join(dir, "images", `${id}.png`), pngFor(i));
    const caption = `Axial CT of the head, case ${i + 1}: a small hyperdense lesion.`;
    return JSON.stringify({ custom_id: id, fig_label: "Figure 1", fig_caption: caption, in_text_mention: [], image: `images/${id}.png`, paper: `paper-${i}`, page: 1, journal: "SYNTH" });
  });
  writeFileSync(path.join(dir, "records.jsonl"), lines.join("\n") + "\n");
  const projectId = await makeProject(`gen-${Date.now().toString(36)}`, "Generation bench");
  await db().project.update({ where: { id: projectId }, data: { settings: { eligibility: { ift: null, mcq: null, ddx: null, threshold: 0.5 } } } });
  const imp = await db().import.create({ data: { projectId, source: dir, fileName: "records" } });
  const tally = await runImport(db(), imp.id);
  if (tally.imported !== n) throw new Error(`imported ${tally.imported} of ${n} figures: ${JSON.stringify(tally)}`);
  const user = await createUser({ email: `curator-${Date.now().toString(36)}@bench.local`, name: "Bench curator", password: "bench-curator-pass", role: "curator" });
  return { projectId, userId: user.id };
}

/** The key the benchmarks' fake providers want; workers read it from this env var. */
export const BENCH_KEY_ENV = "BENCH_FAKE_KEY";
export const BENCH_KEY = "sk-bench-fake";
process.env[BENCH_KEY_ENV] = BENCH_KEY;

/** A provider row pointing at the fake (`over` sets the limits, concurrency, model…). */
export async function fakeProviderRow(fake: FakeProvider, kind: "openai" | "anthropic", over: Partial<ProviderInput> & { model: string }) {
  return createProvider({
    name: `${kind} ${over.model}`,
    kind,
    baseUrl: kind === "anthropic" ? fake.anthropicBaseURL : fake.openaiBaseURL,
    apiKeyEnv: BENCH_KEY_ENV,
    requestsPerMinute: 6_000,
    tokensPerMinute: null,
    inputTokensPerMinute: null,
    outputTokensPerMinute: null,
    inputPricePerMTok: 3,
    outputPricePerMTok: 15,
    concurrency: 32,
    maxOutputTokens: 1_500,
    timeoutSeconds: 30,
    enabled: true,
    ...over,
  });
}

/** Stops the worker, empties and closes the bench's queues, closes the fake and drops the database. */
export async function closeGenerationBench(worker: WorkerProcess | undefined, fake: FakeProvider, env: BenchEnv): Promise<void> {
  if (worker) await stopWorkerProcess(worker);
  for (const p of await db().provider.findMany()) await generationQueue(p).obliterate({ force: true }).catch(() => {});
  await closeGenerationQueues();
  await closeRedis();
  await fake.close();
  await env.cleanup();
}

export type WorkerProcess = {
  child: ChildProcess;
  /** Resolves once the generation workers are up (the process printed "generation workers:"). */
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The last 20,000 characters it wrote (stdout and stderr). */
  output: () => string;
};

/**
 * `node --conditions=react-server --import tsx workers/index.ts`: what
 * `npm run workers` runs, minus the tsx launcher process, so that a SIGKILL
 * reaches the worker itself rather than a parent that would leave it running.
 */
export function startWorkerProcess(env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "workers/index.ts"], {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const append = (b: Buffer) => {
    out = (out + b.toString()).slice(-20_000);
  };
  child.stderr!.on("data", append);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (b: Buffer) => {
      append(b);
      if (out.includes("generation workers:")) resolve();
    });
    void exited.then(({ code, signal }) => reject(new Error(`worker exited (${code ?? signal}) before it was ready:\n${out}`)));
  });
  ready.catch(() => {}); // a kill after start-up is not an error
  return { child, ready, exited, output: () => out };
}

/** SIGTERM (graceful, with the shutdown deadline), SIGKILL if it is still there after `ms`. */
export async function stopWorkerProcess(w: WorkerProcess, ms = 15_000): Promise<void> {
  if (w.child.exitCode !== null || w.child.signalCode !== null) return;
  w.child.kill("SIGTERM");
  const timer = setTimeout(() => w.child.kill("SIGKILL"), ms);
  await w.exited;
  clearTimeout(timer);
}

export async function statusCounts(runId: number): Promise<Record<string, number>> {
  const groups = await db().generationRequest.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
  return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
}

export type ExactlyOnce = {
  requests: number;
  samples: number;
  /** Requests with more than one sample, plus keys with more than one sample: goal 0. */
  duplicates: number;
  /** Requests not succeeded and without a sample: goal 0. */
  lost: number;
  /** This run's keys the provider billed more than once: goal ≤ the concurrency. */
  paidTwice: string[];
  /** This run's keys the provider saw more than once (billed or not). */
  sentTwice: string[];
};

export async function exactlyOnce(runId: number, stats: FakeStats): Promise<ExactlyOnce> {
  const reqs = await db().generationRequest.findMany({ where: { runId }, select: { key: true, status: true, sample: { select: { id: true } } } });
  const [byRequest] = await db().$queryRaw<[{ n: bigint }]>`
    SELECT count(*) AS n FROM (SELECT request_id FROM sample WHERE run_id = ${runId} GROUP BY request_id HAVING count(*) > 1) d`;
  const [byKey] = await db().$queryRaw<[{ n: bigint }]>`
    SELECT count(*) AS n FROM (
      SELECT r.key FROM sample s JOIN generation_request r ON r.id = s.request_id
      WHERE r.key IN (SELECT key FROM generation_request WHERE run_id = ${runId})
      GROUP BY r.key HAVING count(*) > 1) d`;
  const keys = new Set(reqs.map((r) => r.key));
  return {
    requests: reqs.length,
    samples: await db().sample.count({ where: { runId } }),
    duplicates: Number(byRequest.n) + Number(byKey.n),
    lost: reqs.filter((r) => r.status !== "succeeded" && !r.sample).length,
    paidTwice: stats.billedMoreThanOnce.filter((k) => keys.has(k)),
    sentTwice: Object.entries(stats.byKey)
      .filter(([k, c]) => keys.has(k) && c.requests > 1)
      .map(([k]) => k),
  };
}

/** Keys of the run's requests Postgres says are in flight ("sending"). */
export async function inFlightKeys(runId: number): Promise<string[]> {
  const rows = await db().generationRequest.findMany({ where: { runId, status: "sending" }, select: { key: true } });
  return rows.map((r) => r.key);
}
