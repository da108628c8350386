// A database stall after the provider has answered must not send (and pay
// for) the request again: the answer is kept on the row and its recording
// retried, not the call.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { closeGenerationQueues } from "@/lib/generation/queues";
import { startRun } from "@/lib/generation/runs";
import { GenerationWorkers } from "@/lib/generation/worker-pool";
import { startFakeProvider } from "@/lib/llm/fake-provider";
import { closeRedis } from "@/lib/queue/connection";
import { makeUser } from "../helpers/users";
import { fakeProvider, projectWithFigures, waitForRun } from "./setup";

afterAll(async () => {
  await closeGenerationQueues();
  await closeRedis();
});

describe("a database stall", () => {
  it("while answers arrive pays for nothing twice", async () => {
    const fake = await startFakeProvider({ apiKey: "sk-fake-test-key", latencyMs: 100 });
    const pool = new GenerationWorkers();
    try {
      const projectId = await projectWithFigures(16, 33);
      const user = await makeUser("curator");
      const p = await fakeProvider(fake, "openai", { model: "gpt-stall", concurrency: 4 });
      await pool.start(200);
      const { run } = await startRun(
        projectId,
        { name: "stall", tasks: ["ddx"], providers: [{ providerId: p.id, share: 1 }], samplesPerFigure: 1, maxFigures: null, mode: "realtime", budgetUsd: null, temperature: 0.7 },
        user.id,
      );
      await expect.poll(() => db().sample.count({ where: { runId: run.id } }), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
      // Hold the run's row (every recording updates its spend) longer than a Prisma transaction waits.
      const locker = new pg.Client({ connectionString: config().databaseUrl });
      await locker.connect();
      await locker.query("BEGIN");
      await locker.query("SELECT id FROM generation_run WHERE id = $1 FOR UPDATE", [run.id]);
      await new Promise((r) => setTimeout(r, 7_000));
      await locker.query("COMMIT");
      await locker.end();
      expect((await waitForRun(run.id, 60_000)).status).toBe("succeeded");
      const reqs = await db().generationRequest.findMany({ where: { runId: run.id } });
      expect(reqs.map((r) => r.sends)).toEqual(reqs.map(() => 1));
      expect(fake.stats().billedMoreThanOnce).toEqual([]);
      expect(await db().sample.count({ where: { runId: run.id } })).toBe(16);
      const spent = (await db().generationRun.findUniqueOrThrow({ where: { id: run.id } })).spentUsd;
      expect(spent).toBeCloseTo(reqs.reduce((s, r) => s + (r.costUsd ?? 0), 0), 9);
    } finally {
      await pool.close(1_000);
      await fake.close();
    }
  }, 90_000);
});
