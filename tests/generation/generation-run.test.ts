// Generation runs end to end against the fake provider (a real HTTP server
// speaking OpenAI and Anthropic) on real PostgreSQL and Redis: samples from
// both providers, every fault class handled as its kind demands, budgets,
// pause / resume / cancel, re-running failures, and no key asked twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startFakeProvider, type FakeProvider } from "@/lib/llm/fake-provider";
import { closeGenerationQueues } from "@/lib/generation/queues";
import { cancelRun, pauseRun, resumeRun, retryFailed, runProgress, startRun } from "@/lib/generation/runs";
import { GenerationWorkers } from "@/lib/generation/worker-pool";
import { closeRedis } from "@/lib/queue/connection";
import { makeUser } from "../helpers/users";
import { fakeProvider, projectWithFigures, waitForRun } from "./setup";

let fake: FakeProvider;
let projectId: number;
let userId: string;
const pools: GenerationWorkers[] = [];

async function workers() {
  const pool = new GenerationWorkers();
  pools.push(pool);
  await pool.start(200);
  return pool;
}

beforeAll(async () => {
  fake = await startFakeProvider({ apiKey: "sk-fake-test-key", latencyMs: 5 });
  projectId = await projectWithFigures(16);
  userId = (await makeUser("curator")).id;
});

afterAll(async () => {
  for (const p of pools) await p.close(1_000);
  await closeGenerationQueues();
  await closeRedis();
  await fake.close();
});

const base = { samplesPerFigure: 1, maxFigures: null, mode: "realtime" as const, budgetUsd: null, temperature: 0.7 };

describe("generation runs", () => {
  it("generates IFT, MCQ and DDx half with OpenAI, half with Anthropic, each request once, costed", async () => {
    const [gpt, claude] = [await fakeProvider(fake, "openai"), await fakeProvider(fake, "anthropic")];
    const pool = await workers();
    const { run, requests } = await startRun(
      projectId,
      { ...base, name: "all tasks", maxFigures: 12, tasks: ["ift", "mcq", "ddx"], providers: [{ providerId: gpt.id, share: 1 }, { providerId: claude.id, share: 1 }] },
      userId,
    );
    expect(requests).toBe(36);
    const done = await waitForRun(run.id);
    const errs = await db().generationRequest.findMany({ where: { runId: run.id, status: "failed" }, select: { errorKind: true, error: true } });
    expect(errs).toEqual([]);
    expect(done.status).toBe("succeeded");
    const samples = await db().sample.findMany({ where: { runId: run.id }, include: { request: true } });
    expect(samples).toHaveLength(36);
    expect(samples.filter((s) => s.request.providerId === gpt.id)).toHaveLength(18);
    expect(samples.filter((s) => s.request.providerId === claude.id)).toHaveLength(18);
    // MCQs are stored lettered with the correct letter recorded; conversations end in "Answer: X".
    const mcq = samples.find((s) => s.task === "mcq")!;
    const st = mcq.structured as { answer_choices: string[]; correct_answer: string; correct_letter: string };
    expect(st.answer_choices[0]).toMatch(/^A\. /);
    expect(st.correct_answer.startsWith(`${st.correct_letter}. `)).toBe(true);
    const conv = mcq.conversation as { turns: { role: string; text: string }[] };
    expect(conv.turns.at(-1)!.text).toMatch(new RegExp(`Answer: ${st.correct_letter}\\. `));
    // The ledger: the run's spend is the sum of its requests' costs, at the providers' prices.
    const reqs = await db().generationRequest.findMany({ where: { runId: run.id } });
    const sum = reqs.reduce((s, r) => s + (r.costUsd ?? 0), 0);
    expect(done.spentUsd).toBeCloseTo(sum, 9);
    const r0 = reqs[0]!;
    expect(r0.costUsd).toBeCloseTo((r0.inputTokens! * 2.5 + r0.outputTokens! * 10) / 1e6, 12);
    expect(reqs.every((r) => r.sends === 1 && r.latencyMs !== null && r.rawResponse !== null)).toBe(true);
    // The provider saw each key once, as its x-client-request-id.
    const stats = fake.stats();
    for (const r of reqs) expect(stats.byKey[r.key]).toEqual({ requests: 1, billed: 1 });
    expect(stats.billedMoreThanOnce).toEqual([]);
    const progress = await runProgress(run.id);
    expect(progress.lanes).toHaveLength(6);
    expect(progress.letters!.letters.reduce((n, l) => n + l.observed, 0)).toBe(12);
    // The same run again asks nothing new: every key was answered.
    const again = await startRun(projectId, { ...base, name: "again", maxFigures: 12, tasks: ["ift", "mcq", "ddx"], providers: [{ providerId: gpt.id, share: 1 }, { providerId: claude.id, share: 1 }] }, userId);
    expect(again.requests).toBe(0);
    expect(again.skipped).toBe(36);
    await pool.close(1_000);
    await db().provider.updateMany({ where: { id: { in: [gpt.id, claude.id] } }, data: { enabled: false } });
  });

  it("retries 429 / 5xx / 529 / timeouts, and fails the rest at once with the reason", async () => {
    const gpt = await fakeProvider(fake, "openai", { timeoutSeconds: 1 });
    const claude = await fakeProvider(fake, "anthropic");
    const { run } = await startRun(
      projectId,
      { ...base, name: "faults", tasks: ["ift"], temperature: 0.3, providers: [{ providerId: gpt.id, share: 1 }, { providerId: claude.id, share: 1 }] },
      userId,
    );
    const reqs = await db().generationRequest.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    const openaiKeys = reqs.filter((r) => r.providerId === gpt.id).map((r) => r.key);
    const anthropicKeys = reqs.filter((r) => r.providerId === claude.id).map((r) => r.key);
    const plan: Record<string, { fault: string; count?: number; retryAfterMs?: number }> = {};
    const openaiFaults = ["rate_limit", "server_error", "timeout", "insufficient_quota", "bad_request", "unauthorized", "forbidden", "content_filter"] as const;
    openaiFaults.forEach((f, i) => (plan[openaiKeys[i]!] = { fault: f, count: f === "server_error" ? 2 : 1, retryAfterMs: 300 }));
    const anthropicFaults = ["overloaded", "length", "refusal", "malformed_json", "not_found", "request_too_large", "insufficient_quota", "service_unavailable"] as const;
    anthropicFaults.forEach((f, i) => (plan[anthropicKeys[i]!] = { fault: f }));
    for (const [key, p] of Object.entries(plan)) fake.inject({ key, ...p } as Parameters<FakeProvider["inject"]>[0]);

    const pool = await workers();
    const done = await waitForRun(run.id, 30_000);
    expect(done.status).toBe("partial");
    const after = new Map((await db().generationRequest.findMany({ where: { runId: run.id } })).map((r) => [r.key, r]));
    const stats = fake.stats();
    const expectOk = (key: string, sends: number) => {
      expect(after.get(key)!.status).toBe("succeeded");
      expect(stats.byKey[key]!.requests).toBe(sends);
      expect(stats.byKey[key]!.billed).toBe(1);
    };
    expectOk(openaiKeys[0]!, 2); // 429, then answered; the queue paused for the retry-after
    expect(after.get(openaiKeys[0]!)!.attempts).toBe(1); // the 429 did not spend an attempt
    expectOk(openaiKeys[1]!, 3); // 500 twice, then answered
    expect(after.get(openaiKeys[1]!)!.attempts).toBe(3);
    expect(after.get(openaiKeys[2]!)!.status).toBe("succeeded"); // timed out once, answered on retry
    expectOk(anthropicKeys[0]!, 2); // 529 overloaded, then answered
    expectOk(anthropicKeys[7]!, 2); // 503, then answered
    const failed: [string, string][] = [
      [openaiKeys[3]!, "insufficient_quota"],
      [openaiKeys[4]!, "http_400"],
      [openaiKeys[5]!, "http_401"],
      [openaiKeys[6]!, "http_403"],
      [openaiKeys[7]!, "content_filter"],
      [anthropicKeys[1]!, "length"],
      [anthropicKeys[2]!, "refusal"],
      [anthropicKeys[3]!, "invalid_output"],
      [anthropicKeys[4]!, "http_404"],
      [anthropicKeys[5]!, "http_413"],
      [anthropicKeys[6]!, "insufficient_quota"],
    ];
    for (const [key, kind] of failed) {
      const r = after.get(key)!;
      expect([r.status, r.errorKind]).toEqual(["failed", kind]);
      expect(r.error).toBeTruthy();
      expect(stats.byKey[key]!.requests).toBe(1); // never retried
    }
    // A length stop or a refusal was still billed: its cost is in the ledger.
    expect(after.get(anthropicKeys[1]!)!.costUsd).toBeGreaterThan(0);
    const progress = await runProgress(run.id);
    expect(progress.errors.map((e) => e.kind).sort()).toEqual([...new Set(failed.map(([, k]) => k))].sort());

    // Re-run only the failed ones (the provider has recovered).
    expect((await retryFailed(run.id)).requeued).toBe(11);
    expect((await waitForRun(run.id, 30_000)).status).toBe("succeeded");
    expect(await db().sample.count({ where: { runId: run.id } })).toBe(16);
    await pool.close(1_000);
    await db().provider.updateMany({ where: { id: { in: [gpt.id, claude.id] } }, data: { enabled: false } });
  });

  it("stops at the budget cap, resumes with a higher one, and pauses / cancels on request", async () => {
    // Its own model name: request keys include the model, and the first test already answered gpt-test DDx requests.
    const gpt = await fakeProvider(fake, "openai", { model: "gpt-budget", concurrency: 1, inputPricePerMTok: 1_000, outputPricePerMTok: 1_000 });
    const pool = await workers();
    const { run } = await startRun(projectId, { ...base, name: "budget", tasks: ["ddx"], budgetUsd: 2, providers: [{ providerId: gpt.id, share: 1 }] }, userId);
    const stopped = await waitForRun(run.id);
    expect(stopped.status).toBe("budget_stopped");
    expect(stopped.spentUsd).toBeGreaterThanOrEqual(2);
    const answered = await db().generationRequest.count({ where: { runId: run.id, status: "succeeded" } });
    expect(answered).toBeLessThan(16);
    expect(answered).toBeGreaterThan(0);
    // Resume needs more budget; then the rest is generated.
    await expect(resumeRun(run.id)).rejects.toThrow(/raise the budget/);
    await resumeRun(run.id, 1_000);
    expect((await waitForRun(run.id)).status).toBe("succeeded");
    expect(await db().sample.count({ where: { runId: run.id } })).toBe(16);

    // Pause: nothing new is sent; resume finishes it; cancel drops what is left.
    await fake.inject({ fault: "server_error", count: 1_000, api: "openai", model: "gpt-paused" });
    const slow = await fakeProvider(fake, "openai", { model: "gpt-paused", concurrency: 1 });
    await pool.sync();
    const second = await startRun(projectId, { ...base, name: "pause", tasks: ["ift"], providers: [{ providerId: slow.id, share: 1 }] }, userId);
    await pauseRun(second.run.id);
    expect((await db().generationRun.findUniqueOrThrow({ where: { id: second.run.id } })).status).toBe("paused");
    await cancelRun(second.run.id);
    const cancelled = await db().generationRequest.groupBy({ by: ["status"], where: { runId: second.run.id }, _count: { _all: true } });
    expect(cancelled.find((c) => c.status === "cancelled")?._count._all).toBeGreaterThanOrEqual(10);
    fake.clearFaults();
    await pool.close(1_000);
  });
});
