// A project with demo figures every task may use, providers pointing at a
// fake provider, and a wait for a run to settle.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { db } from "@/lib/db/client";
import { runImport } from "@/lib/imports/run";
import type { FakeProvider } from "@/lib/llm/fake-provider";
import { createProvider, type ProviderInput } from "@/lib/llm/providers";
import { createProject } from "@/lib/projects/service";
import { generateDemoData } from "../../scripts/demo-data/generate";

export async function projectWithFigures(figures: number, seed = 5): Promise<number> {
  const projectId = (await createProject({ name: `generation ${Math.random().toString(36).slice(2, 7)}`, description: "" }, null)).id;
  const data = await generateDemoData(mkdtempSync(path.join(tmpdir(), "gen-")), { figures, seed });
  const imp = await db().import.create({ data: { projectId, source: data.recordsDir, fileName: "records" } });
  await runImport(db(), imp.id);
  // Every figure is eligible for every task (no labels needed in these tests).
  await db().project.update({ where: { id: projectId }, data: { settings: { eligibility: { ift: null, mcq: null, ddx: null, threshold: 0.5 } } } });
  return projectId;
}

process.env.FAKE_PROVIDER_KEY = "sk-fake-test-key";

export async function fakeProvider(fake: FakeProvider, kind: "openai" | "anthropic", over: Partial<ProviderInput> = {}) {
  return createProvider({
    name: `${kind} ${Math.random().toString(36).slice(2, 7)}`,
    kind,
    baseUrl: kind === "anthropic" ? fake.anthropicBaseURL : fake.openaiBaseURL,
    model: kind === "anthropic" ? "claude-test" : "gpt-test",
    apiKeyEnv: "FAKE_PROVIDER_KEY",
    requestsPerMinute: 6_000,
    tokensPerMinute: null,
    inputTokensPerMinute: null,
    outputTokensPerMinute: null,
    inputPricePerMTok: 2.5,
    outputPricePerMTok: 10,
    concurrency: 8,
    maxOutputTokens: 1_500,
    timeoutSeconds: 5,
    enabled: true,
    ...over,
  });
}

export async function waitForRun(runId: number, timeoutMs = 20_000, until = (s: string) => s !== "running") {
  const t0 = Date.now();
  for (;;) {
    const run = await db().generationRun.findUniqueOrThrow({ where: { id: runId } });
    if (until(run.status)) return run;
    if (Date.now() - t0 > timeoutMs) {
      const counts = await db().generationRequest.groupBy({ by: ["status"], where: { runId }, _count: { _all: true } });
      throw new Error(`run ${runId} still ${run.status} after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
