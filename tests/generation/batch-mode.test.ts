// Batch mode end to end against the fake provider's OpenAI Batch API and
// Anthropic Message Batches: batch rows and provider ids in Postgres before
// polling, results matched by custom_id, a failed line re-queued into a new
// batch, half-price costs, and a batch cut off before its id was written
// found again (OpenAI, by metadata) instead of paid twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { batchTick } from "@/lib/generation/batch-run";
import { closeGenerationQueues } from "@/lib/generation/queues";
import { startRun } from "@/lib/generation/runs";
import { startFakeProvider, type FakeProvider } from "@/lib/llm/fake-provider";
import { submitBatch } from "@/lib/llm/batch-api";
import { prepareCall } from "@/lib/generation/prepare-call";
import { loadRequest } from "@/lib/generation/record-outcome";
import { closeRedis } from "@/lib/queue/connection";
import { makeUser } from "../helpers/users";
import { fakeProvider, projectWithFigures } from "./setup";

let fake: FakeProvider;
let projectId: number;
let userId: string;

beforeAll(async () => {
  fake = await startFakeProvider({ apiKey: "sk-fake-test-key", batch: { validatingMs: 20, processingMs: 100, cancellingMs: 20 } });
  projectId = await projectWithFigures(8, 9);
  userId = (await makeUser("curator")).id;
});

afterAll(async () => {
  await closeGenerationQueues();
  await closeRedis();
  await fake.close();
});

async function tickUntil(runId: number, done: (status: string) => boolean, timeoutMs = 15_000) {
  const t0 = Date.now();
  for (;;) {
    await batchTick();
    const run = await db().generationRun.findUniqueOrThrow({ where: { id: runId } });
    if (done(run.status)) return run;
    if (Date.now() - t0 > timeoutMs) throw new Error(`run still ${run.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const base = { samplesPerFigure: 1, maxFigures: null, mode: "batch" as const, budgetUsd: null, temperature: 0.7 };

describe("batch mode", () => {
  it("runs through both batch APIs, re-queues a failed line, and bills half price", async () => {
    const gpt = await fakeProvider(fake, "openai", { model: "gpt-batch" });
    const claude = await fakeProvider(fake, "anthropic", { model: "claude-batch" });
    const { run } = await startRun(projectId, { ...base, name: "batch", tasks: ["ift", "ddx"], providers: [{ providerId: gpt.id, share: 1 }, { providerId: claude.id, share: 1 }] }, userId);
    const reqs = await db().generationRequest.findMany({ where: { runId: run.id }, orderBy: { id: "asc" } });
    expect(reqs).toHaveLength(16);
    const flaky = reqs.find((r) => r.providerId === gpt.id)!;
    const broken = reqs.find((r) => r.providerId === claude.id)!;
    fake.inject([
      { key: flaky.key, fault: "server_error", batch: true },
      { key: broken.key, fault: "bad_request", batch: true },
    ]);
    const done = await tickUntil(run.id, (s) => s !== "running");
    expect(done.status).toBe("partial");
    const after = await db().generationRequest.findMany({ where: { runId: run.id }, include: { batch: true } });
    const byKey = new Map(after.map((r) => [r.key, r]));
    // The 500 line went back to the queue and was answered by a second batch.
    expect(byKey.get(flaky.key)!.status).toBe("succeeded");
    expect(byKey.get(flaky.key)!.sends).toBe(2);
    // The 400 line failed with its reason and was not sent again.
    expect([byKey.get(broken.key)!.status, byKey.get(broken.key)!.errorKind]).toEqual(["failed", "http_400"]);
    expect(await db().sample.count({ where: { runId: run.id } })).toBe(15);
    const batches = await db().providerBatch.findMany({ where: { runId: run.id } });
    expect(batches.length).toBe(3);
    expect(batches.every((b) => b.status === "ended" && b.externalId)).toBe(true);
    // Half price: cost = tokens × price / 2.
    const ok = after.find((r) => r.status === "succeeded")!;
    expect(ok.costUsd).toBeCloseTo(((ok.inputTokens! * 2.5 + ok.outputTokens! * 10) / 1e6) * 0.5, 12);
    expect(fake.stats().billedMoreThanOnce).toEqual([]);
  });

  it("adopts an OpenAI batch created just before a crash instead of sending it again", async () => {
    const gpt = await fakeProvider(fake, "openai", { model: "gpt-crash" });
    const { run } = await startRun(projectId, { ...base, name: "crash", tasks: ["mcq"], providers: [{ providerId: gpt.id, share: 1 }] }, userId);
    // Simulate the crash: the batch row and the provider's batch exist, the external id was never written.
    const reqs = await db().generationRequest.findMany({ where: { runId: run.id } });
    const row = await db().providerBatch.create({ data: { runId: run.id, providerId: gpt.id, requestCount: reqs.length } });
    await db().generationRequest.updateMany({ where: { runId: run.id }, data: { status: "batched", batchId: row.id, sends: 1 } });
    const lines = [];
    for (const r of reqs) lines.push({ customId: r.key, spec: (await prepareCall((await loadRequest({ id: r.id }))!)).spec });
    await submitBatch(await db().provider.findUniqueOrThrow({ where: { id: gpt.id } }), lines, row.id);
    const before = fake.stats().totals.requests;
    await tickUntil(run.id, (s) => s !== "running");
    expect((await db().providerBatch.findUniqueOrThrow({ where: { id: row.id } })).externalId).toBeTruthy();
    expect(await db().providerBatch.count({ where: { runId: run.id } })).toBe(1);
    expect(await db().sample.count({ where: { runId: run.id } })).toBe(8);
    // Only the poll and result downloads reached the provider: no second batch.
    expect(fake.stats({ records: true }).records!.slice(before).filter((r) => r.route.includes("/batches") && r.method === "POST")).toEqual([]);
  });
});
