// Token buckets on real Redis, and a graceful shutdown that gives in-flight
// requests a deadline and leaves the rest to be re-sent after restart.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { closeGenerationQueues } from "@/lib/generation/queues";
import { startRun } from "@/lib/generation/runs";
import { GenerationWorkers } from "@/lib/generation/worker-pool";
import { startFakeProvider } from "@/lib/llm/fake-provider";
import { settleTokens, takeTokens } from "@/lib/llm/token-bucket";
import { closeRedis } from "@/lib/queue/connection";
import { makeUser } from "../helpers/users";
import { fakeProvider, projectWithFigures, waitForRun } from "./setup";

afterAll(async () => {
  await closeGenerationQueues();
  await closeRedis();
});

describe("tokens per minute", () => {
  it("admits while the bucket has room, says how long to wait when not, and gives back unused tokens", async () => {
    const bucket = (cost: number) => [{ name: "tokens", perMinute: 6_000, cost }];
    expect(await takeTokens(901, bucket(5_000))).toBe(0);
    // 1,000 left; 2,000 more needs 1,000 refilled at 100/s ≈ 10 s.
    const wait = await takeTokens(901, bucket(2_000));
    expect(wait).toBeGreaterThan(9_000);
    expect(wait).toBeLessThanOrEqual(10_100);
    // The answer used 1,000 of the 5,000 taken: 4,000 come back, and the 2,000 now fit.
    await settleTokens(901, bucket(5_000)[0]!, 4_000, null);
    expect(await takeTokens(901, bucket(2_000))).toBe(0);
    // A provider saying fewer tokens remain lowers the bucket.
    await settleTokens(901, bucket(0)[0]!, 0, 100);
    expect(await takeTokens(901, bucket(1_000))).toBeGreaterThan(8_000);
  });

  it("takes several buckets all or nothing", async () => {
    const input = { name: "input", perMinute: 6_000, cost: 1_000 };
    const output = { name: "output", perMinute: 600, cost: 500 };
    expect(await takeTokens(902, [input, output])).toBe(0);
    // Output has 100 left: refused, and input is not charged either.
    expect(await takeTokens(902, [input, output])).toBeGreaterThan(0);
    expect(await takeTokens(902, [{ ...input, cost: 5_000 }])).toBe(0);
  });
});

describe("graceful shutdown", () => {
  it("waits for in-flight requests until the deadline; what is cut off is sent again after restart", async () => {
    const fake = await startFakeProvider({ apiKey: "sk-fake-test-key", latencyMs: 4_000 });
    try {
      const projectId = await projectWithFigures(3, 21);
      const user = await makeUser("curator");
      const p = await fakeProvider(fake, "openai", { model: "gpt-slow", timeoutSeconds: 30 });
      const first = new GenerationWorkers();
      await first.start(200);
      const { run } = await startRun(
        projectId,
        { name: "slow", tasks: ["ddx"], providers: [{ providerId: p.id, share: 1 }], samplesPerFigure: 1, maxFigures: null, mode: "realtime", budgetUsd: null, temperature: 0.7 },
        user.id,
      );
      await expect.poll(() => db().generationRequest.count({ where: { runId: run.id, status: "sending" } }), { timeout: 5_000 }).toBe(3);
      const t0 = Date.now();
      await first.close(300);
      expect(Date.now() - t0).toBeLessThan(2_500);
      // Cut off mid-call: still "sending" in Postgres, so a new worker sends them again.
      expect(await db().generationRequest.count({ where: { runId: run.id, status: "sending" } })).toBe(3);
      const second = new GenerationWorkers();
      await second.start(200);
      expect((await waitForRun(run.id, 40_000)).status).toBe("succeeded");
      await second.close(1_000);
      const reqs = await db().generationRequest.findMany({ where: { runId: run.id } });
      expect(reqs.every((r) => r.sends === 2)).toBe(true);
      expect(await db().sample.count({ where: { runId: run.id } })).toBe(3);
    } finally {
      await fake.close();
    }
  }, 60_000);
});
