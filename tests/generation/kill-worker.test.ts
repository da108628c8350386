// Exactly once under a killed worker: the real worker process
// (workers/index.ts) is killed with SIGKILL mid-run, a new one is started,
// and the run still ends with one sample per request, none lost, and only
// requests that were in flight at the kill sent (and paid for) again.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { closeGenerationQueues } from "@/lib/generation/queues";
import { startRun } from "@/lib/generation/runs";
import { startFakeProvider, type FakeProvider } from "@/lib/llm/fake-provider";
import { closeRedis } from "@/lib/queue/connection";
import { exactlyOnce, generationProject, inFlightKeys, startWorkerProcess, statusCounts, stopWorkerProcess, type WorkerProcess } from "../../bench/lib/generation";
import { fakeProvider, waitForRun } from "./setup";

const CONCURRENCY = 8;
// Short, so that the killed worker's jobs come back within the test (default 30 s).
const LOCK_MS = "3000";

let fake: FakeProvider;
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  fake = await startFakeProvider({ apiKey: "sk-fake-test-key", latencyMs: 300 });
});

afterAll(async () => {
  for (const w of workers) await stopWorkerProcess(w);
  await closeGenerationQueues();
  await closeRedis();
  await fake.close();
});

function worker(): WorkerProcess {
  const w = startWorkerProcess({ GENERATION_LOCK_MS: LOCK_MS, FAKE_PROVIDER_KEY: process.env.FAKE_PROVIDER_KEY! });
  workers.push(w);
  return w;
}

describe("a worker process killed mid-run", () => {
  it("re-sends at most the in-flight requests: no duplicate, nothing lost", { timeout: 120_000 }, async () => {
    const { projectId, userId } = await generationProject(20, mkdtempSync(path.join(tmpdir(), "gen-kill-")));
    const gpt = await fakeProvider(fake, "openai", { model: "gpt-kill", concurrency: CONCURRENCY });
    const first = worker();
    await first.ready;
    const { run, requests } = await startRun(
      projectId,
      { name: "kill", tasks: ["ift", "mcq", "ddx"], providers: [{ providerId: gpt.id, share: 1 }], samplesPerFigure: 1, maxFigures: null, mode: "realtime", budgetUsd: null, temperature: 0.7 },
      userId,
    );
    expect(requests).toBe(60);

    // Half way (by answered requests in Postgres), with requests in flight: kill -9.
    const t0 = Date.now();
    for (;;) {
      const n = await statusCounts(run.id);
      if ((n.succeeded ?? 0) >= requests / 2 && (n.sending ?? 0) > 0) break;
      if (Date.now() - t0 > 60_000 || (n.succeeded ?? 0) > requests - CONCURRENCY) throw new Error(`no kill point (${JSON.stringify(n)}):\n${first.output()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    const inFlight = await inFlightKeys(run.id);
    expect(inFlight.length).toBeGreaterThan(0);
    expect(await db().generationRequest.count({ where: { runId: run.id, status: "succeeded" } })).toBeLessThan(requests);

    const second = worker();
    await second.ready;
    const done = await waitForRun(run.id, 60_000).catch((e: Error) => {
      throw new Error(`${e.message}\nsecond worker:\n${second.output()}`);
    });
    expect(done.status).toBe("succeeded");

    const audit = await exactlyOnce(run.id, fake.stats());
    expect(audit.requests).toBe(60);
    expect(audit.samples).toBe(60);
    expect(audit.duplicates).toBe(0);
    expect(audit.lost).toBe(0);
    expect(audit.paidTwice.length).toBeLessThanOrEqual(CONCURRENCY);
    // Only what was in flight at the kill went to the provider twice, and nothing three times.
    expect(audit.sentTwice.filter((k) => !inFlight.includes(k))).toEqual([]);
    const byKey = fake.stats().byKey;
    expect(Math.max(...Object.values(byKey).map((c) => c.requests))).toBeLessThanOrEqual(2);
    // Postgres counted those second sends (and maybe a few more: a kill between
    // writing "sending" and the HTTP call leaves a send the provider never saw).
    const resent = (await db().generationRequest.findMany({ where: { runId: run.id, sends: { gt: 1 } }, select: { key: true } })).map((r) => r.key);
    expect(audit.sentTwice.filter((k) => !resent.includes(k))).toEqual([]);
    expect(resent.filter((k) => !inFlight.includes(k))).toEqual([]);
  });
});
