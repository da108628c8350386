// P5: generation throughput at the provider's limits. 2,000 DDx requests
// against the fake provider (2 s latency, 600 requests/min and 200,000
// tokens/min, set on the fake and on the provider row) through the product
// path: a project with figures, startRun, and the worker process
// (workers/index.ts) with its BullMQ limiter and Redis token buckets.
// Achieved requests/min over the steady state ÷ 600 (goal ≥ 0.9), 429s
// received; and in the same run, the reference's serial loop (one request
// at a time, then a fixed 1.1 s pause; same fake, same latency, its own
// model name so it has its own limits) over 30 requests, extrapolated to
// requests/min (goal: ours ≥ 30× it).
//   npm run bench:generation [-- --requests 2000 --serial 30 --latency-ms 2000 --rpm 600 --tpm 200000]
import os from "node:os";
import { parseArgs } from "node:util";
import { prepareCall } from "@/lib/generation/prepare-call";
import { createPromptVersion } from "@/lib/generation/prompts";
import { loadRequest } from "@/lib/generation/record-outcome";
import { startRun } from "@/lib/generation/runs";
import { db } from "@/lib/db/client";
import { callProvider } from "@/lib/llm/call";
import { startFakeProvider, type RequestRecord } from "@/lib/llm/fake-provider";
import { benchEnv } from "./lib/env";
import { BENCH_KEY, closeGenerationBench, exactlyOnce, fakeProviderRow, generationProject, startWorkerProcess, statusCounts, type WorkerProcess } from "./lib/generation";
import { machine, utcDate } from "./lib/machine";
import { fmt, now, table } from "./lib/stats";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    serial: { type: "string", default: "30" },
    "latency-ms": { type: "string", default: "2000" },
    rpm: { type: "string", default: "600" },
    tpm: { type: "string", default: "200000" },
    concurrency: { type: "string", default: "32" },
    "max-output": { type: "string", default: "200" },
  },
});
const REQUESTS = Number(values.requests);
const SERIAL = Number(values.serial);
const LATENCY_MS = Number(values["latency-ms"]);
const RPM = Number(values.rpm);
const TPM = Number(values.tpm);
const SAMPLES_PER_FIGURE = 10;
const RATIO_GOAL = 0.9;
const SERIAL_GOAL = 30;
const PAUSE_MS = 1_100; // the reference's fixed pause after each call
const MODEL = "claude-bench";
const SERIAL_MODEL = "claude-serial";

const load = () => os.loadavg().map((x) => fmt(x, 2)).join(", ");
console.log(`P5 generation throughput — ${utcDate()} — ${machine()}`);
console.log(`load average at start (1, 5, 15 min): ${load()}`);

const env = await benchEnv("generation");
// 32×32 images: Anthropic's formula gives 2 tokens; the fake is told to charge the same.
const fake = await startFakeProvider({ apiKey: BENCH_KEY, latencyMs: LATENCY_MS, tokensPerImage: 2, limits: { requestsPerMinute: RPM, tokensPerMinute: TPM } });
let worker: WorkerProcess | undefined;
try {
  const figures = Math.ceil(REQUESTS / SAMPLES_PER_FIGURE);
  const { projectId, userId } = await generationProject(figures, env.dataDir);
  // A short prompt without few-shots keeps a request's tokens small enough that requests/min, not tokens/min, binds.
  await createPromptVersion(projectId, "ddx", { systemPrompt: "Give a differential diagnosis for the image as JSON.", fewShots: [], fewShotK: 0, note: "P5 bench" }, userId);
  const provider = await fakeProviderRow(fake, "anthropic", {
    model: MODEL,
    requestsPerMinute: RPM,
    tokensPerMinute: TPM,
    concurrency: Number(values.concurrency),
    maxOutputTokens: Number(values["max-output"]),
  });
  console.log(`${figures} figures, DDx × ${SAMPLES_PER_FIGURE} samples; provider: ${RPM} requests/min, ${fmt(TPM)} tokens/min, concurrency ${provider.concurrency}, max output ${provider.maxOutputTokens} tokens; fake latency ${LATENCY_MS} ms`);

  worker = startWorkerProcess();
  await worker.ready;
  const t0 = now();
  const started = await startRun(
    projectId,
    { name: "P5", tasks: ["ddx"], providers: [{ providerId: provider.id, share: 1 }], samplesPerFigure: SAMPLES_PER_FIGURE, maxFigures: null, mode: "realtime", budgetUsd: null, temperature: 0.7 },
    userId,
  );
  const runId = started.run.id;
  console.log(`run ${runId}: ${started.requests} requests queued in ${fmt((now() - t0) / 1000, 1)} s`);

  // The reference, alongside: the same request shape (built by the product), one at a time, then 1.1 s.
  const serial = (async () => {
    const rows = await db().generationRequest.findMany({ where: { runId }, select: { id: true }, take: SERIAL, orderBy: { id: "desc" } });
    const s0 = now();
    for (const [i, row] of rows.entries()) {
      const req = (await loadRequest({ id: row.id }))!;
      const { spec } = await prepareCall(req);
      await callProvider({ ...req.provider, model: SERIAL_MODEL }, { ...spec, requestKey: `serial-${i}` });
      await new Promise((r) => setTimeout(r, PAUSE_MS));
    }
    return { n: rows.length, seconds: (now() - s0) / 1000 };
  })();

  // Progress until the run is over.
  let last = { t: now(), done: 0 };
  for (;;) {
    await new Promise((r) => setTimeout(r, 10_000));
    const run = await db().generationRun.findUniqueOrThrow({ where: { id: runId } });
    const n = await statusCounts(runId);
    const done = n.succeeded ?? 0;
    const t = now();
    const s = fake.stats({ records: false });
    console.log(
      `  ${fmt((t - t0) / 1000)} s: ${JSON.stringify(n)}, last 10 s ${fmt(((done - last.done) * 60_000) / (t - last.t))} requests/min, 429s so far ${s.totals.byStatus["429"] ?? 0}, load ${load()}`,
    );
    last = { t, done };
    if (run.status !== "running") break;
  }
  const wall = (now() - t0) / 1000;
  const reference = await serial;

  // Measured at the provider: when each answered request arrived.
  const records = fake.stats({ records: true }).records!;
  const mine = (r: RequestRecord) => r.model === MODEL && r.route === "/v1/messages";
  const arrivals = records
    .filter((r) => mine(r) && r.status === 200)
    .map((r) => Date.parse(r.at) - r.durationMs)
    .sort((a, b) => a - b);
  const rejected = records.filter((r) => mine(r) && r.status === 429).length;
  const otherErrors = records.filter((r) => mine(r) && r.status !== 200 && r.status !== 429).length;
  // Steady state: the middle 80 % of requests (ramp-up and tail left out).
  const lo = Math.floor(arrivals.length * 0.1);
  const hi = Math.ceil(arrivals.length * 0.9) - 1;
  const steady = ((hi - lo) * 60_000) / (arrivals[hi]! - arrivals[lo]!);
  const whole = ((arrivals.length - 1) * 60_000) / (arrivals.at(-1)! - arrivals[0]!);
  const answered = records.filter((r) => mine(r) && r.status === 200);
  const inTok = answered.reduce((s, r) => s + r.inputTokens, 0) / answered.length;
  const outTok = answered.reduce((s, r) => s + r.outputTokens, 0) / answered.length;
  const serialRpm = (reference.n * 60) / reference.seconds;
  const audit = await exactlyOnce(runId, fake.stats());
  const run = await db().generationRun.findUniqueOrThrow({ where: { id: runId } });

  console.log(`\nrun ${run.status} in ${fmt(wall, 1)} s; samples ${audit.samples} of ${audit.requests}; duplicates ${audit.duplicates}, lost ${audit.lost}, paid twice ${audit.paidTwice.length}`);
  console.log(
    `per request (fake's count, answered requests): input ${fmt(inTok, 1)} tokens (system + figure text + tool schema + image), output ${fmt(outTok, 1)}; ` +
      `admission worst case input + max_tokens = ${fmt(inTok + provider.maxOutputTokens)}; tokens/min at ${RPM} requests/min: ${fmt((inTok + outTok) * RPM)} of ${fmt(TPM)}`,
  );
  console.log(
    table(
      ["measure", "requests/min", "ratio", "goal"],
      [
        ["ours, steady state (middle 80 % of requests)", fmt(steady, 1), `${fmt(steady / RPM, 3)} of the limit`, `≥ ${RATIO_GOAL}: ${steady / RPM >= RATIO_GOAL ? "met" : "missed"}`],
        ["ours, first to last request", fmt(whole, 1), `${fmt(whole / RPM, 3)} of the limit`, ""],
        [`reference serial loop (${reference.n} requests, ${PAUSE_MS} ms pause, ${fmt(reference.seconds, 1)} s)`, fmt(serialRpm, 1), "1", ""],
        ["ours ÷ reference", "", `${fmt(steady / serialRpm, 1)}×`, `≥ ${SERIAL_GOAL}×: ${steady / serialRpm >= SERIAL_GOAL ? "met" : "missed"}`],
      ],
    ),
  );
  console.log(`429s received: ${rejected} (other errors: ${otherErrors}); load average at end: ${load()}`);
} finally {
  await closeGenerationBench(worker, fake, env);
}
