// The estimate shown before a run starts: the slowest of a provider's limits
// decides its time, and with `concurrency` requests in flight the latency is
// one of them (the provider's recent median once it has answered 20, else an
// assumption the form says it is).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { planRun } from "@/lib/generation/plan-run";
import { closeGenerationQueues } from "@/lib/generation/queues";
import { cancelRun, startRun } from "@/lib/generation/runs";
import { startFakeProvider, type FakeProvider } from "@/lib/llm/fake-provider";
import { closeRedis } from "@/lib/queue/connection";
import { makeUser } from "../helpers/users";
import { fakeProvider, projectWithFigures } from "./setup";

let fake: FakeProvider;
let projectId: number;
let userId: string;
beforeAll(async () => {
  fake = await startFakeProvider({ apiKey: "sk-fake-test-key" });
  projectId = await projectWithFigures(12);
  userId = (await makeUser("curator")).id;
});
afterAll(async () => {
  await closeGenerationQueues();
  await closeRedis();
  await fake.close();
});

const input = (providerId: number) => ({
  name: "estimate",
  tasks: ["ift" as const, "ddx" as const],
  providers: [{ providerId, share: 1 }],
  samplesPerFigure: 5,
  maxFigures: null,
  mode: "realtime" as const,
  budgetUsd: null,
  temperature: 0.7,
});

describe("run estimate", () => {
  it("is limited by latency × concurrency when the rate limits allow more, assumed until measured", async () => {
    const p = await fakeProvider(fake, "openai", { requestsPerMinute: 6_000, concurrency: 4 });
    const { estimate } = await planRun(projectId, input(p.id));
    expect(estimate.requests).toBe(120); // 12 figures × 2 tasks × 5 samples
    const mine = estimate.perProvider[0]!;
    expect(mine.limitedBy).toBe("concurrency: 4 at a time, ~15 s each, assumed until 20 answers");
    expect(mine.minutes).toBeCloseTo((120 * 15) / 4 / 60, 6); // 7.5 min; 1.2 s at 6,000 requests/min

    // Once the provider has answered 20 requests, their median latency is used.
    const { run } = await startRun(projectId, { ...input(p.id), name: "history", tasks: ["ift"], samplesPerFigure: 2 }, userId);
    await cancelRun(run.id);
    const reqs = await db().generationRequest.findMany({ where: { runId: run.id }, orderBy: { id: "asc" }, select: { id: true } });
    expect(reqs).toHaveLength(24);
    for (const [i, r] of reqs.entries()) await db().generationRequest.update({ where: { id: r.id }, data: { latencyMs: i < 13 ? 1_200 : 9_000 } });
    const measured = (await planRun(projectId, input(p.id))).estimate.perProvider[0]!;
    expect(measured.limitedBy).toBe("concurrency: 4 at a time, ~1.2 s each");
    expect(measured.minutes).toBeCloseTo((120 * 1.2) / 4 / 60, 6);
  });

  it("is limited by requests per minute when that is slower", async () => {
    const p = await fakeProvider(fake, "anthropic", { requestsPerMinute: 10, concurrency: 50 });
    const mine = (await planRun(projectId, input(p.id))).estimate.perProvider[0]!;
    expect(mine.limitedBy).toBe("requests/min");
    expect(mine.minutes).toBeCloseTo(12, 6);
  });
});
