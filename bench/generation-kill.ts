// R1: kill -9 the worker at half way and restart it. A run of 1,000 requests
// (MCQ and DDx, half through a fake OpenAI, half through a fake Anthropic)
// with the worker as a child process (workers/index.ts); SIGKILL once half
// the requests are answered in Postgres; a new worker process at once; then
// until the run ends. Duplicates (goal 0), lost (goal 0), requests paid twice
// (goal ≤ the providers' concurrency), and how long BullMQ's stalled-job
// recovery (GENERATION_LOCK_MS, 30 s by default) kept the killed worker's
// in-flight requests waiting.
//   npm run bench:generation-kill [-- --figures 100 --samples 5 --latency-ms 1000 --concurrency 16]
import os from "node:os";
import { parseArgs } from "node:util";
import { config } from "@/lib/config";
import { db } from "@/lib/db/client";
import { startRun } from "@/lib/generation/runs";
import { startFakeProvider } from "@/lib/llm/fake-provider";
import { benchEnv } from "./lib/env";
import {
  BENCH_KEY,
  closeGenerationBench,
  exactlyOnce,
  fakeProviderRow,
  generationProject,
  inFlightKeys,
  startWorkerProcess,
  statusCounts,
  type WorkerProcess,
} from "./lib/generation";
import { machine, utcDate } from "./lib/machine";
import { fmt, table } from "./lib/stats";

const { values } = parseArgs({
  options: {
    figures: { type: "string", default: "100" },
    samples: { type: "string", default: "5" },
    "latency-ms": { type: "string", default: "1000" },
    concurrency: { type: "string", default: "16" }, // per provider
  },
});
const CONCURRENCY = Number(values.concurrency);
const load = () => os.loadavg().map((x) => fmt(x, 2)).join(", ");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

console.log(`R1 kill -9 the generation worker — ${utcDate()} — ${machine()}`);
console.log(`load average at start (1, 5, 15 min): ${load()}`);

const env = await benchEnv("genkill");
const fake = await startFakeProvider({ apiKey: BENCH_KEY, latencyMs: Number(values["latency-ms"]) });
let worker: WorkerProcess | undefined;
try {
  const { projectId, userId } = await generationProject(Number(values.figures), env.dataDir);
  const providers = [
    await fakeProviderRow(fake, "openai", { model: "gpt-r1", concurrency: CONCURRENCY }),
    await fakeProviderRow(fake, "anthropic", { model: "claude-r1", concurrency: CONCURRENCY }),
  ];
  const totalConcurrency = CONCURRENCY * providers.length;
  const lockMs = config().generationLockMs;
  console.log(`fake latency ${values["latency-ms"]} ms; 2 providers × concurrency ${CONCURRENCY}; GENERATION_LOCK_MS ${lockMs}`);

  worker = startWorkerProcess();
  const killed = worker;
  await worker.ready;
  const { run, requests } = await startRun(
    projectId,
    {
      name: "R1",
      tasks: ["mcq", "ddx"],
      providers: providers.map((p) => ({ providerId: p.id, share: 1 })),
      samplesPerFigure: Number(values.samples),
      maxFigures: null,
      mode: "realtime",
      budgetUsd: null,
      temperature: 0.7,
    },
    userId,
  );
  const t0 = Date.now();
  console.log(`run ${run.id}: ${requests} requests`);

  // Half way by answered requests in Postgres: kill -9.
  let lastPrint = 0;
  for (;;) {
    const n = await statusCounts(run.id);
    if ((n.succeeded ?? 0) >= requests / 2) break;
    if (Date.now() - lastPrint > 5_000) {
      console.log(`  ${fmt((Date.now() - t0) / 1000)} s: ${JSON.stringify(n)}`);
      lastPrint = Date.now();
    }
    await sleep(50);
  }
  worker.child.kill("SIGKILL");
  const killedAt = Date.now();
  await worker.exited;
  const atKill = await statusCounts(run.id);
  const inFlight = await inFlightKeys(run.id);
  const rowsAtKill = new Map((await db().generationRequest.findMany({ where: { runId: run.id }, select: { key: true, status: true, sends: true } })).map((r) => [r.key, r]));
  console.log(`  ${fmt((killedAt - t0) / 1000, 1)} s: SIGKILL; Postgres then: ${JSON.stringify(atKill)}`);

  worker = startWorkerProcess();
  await worker.ready;
  const restartedAt = Date.now();
  console.log(`  new worker ready ${fmt((restartedAt - killedAt) / 1000, 1)} s after the kill`);
  for (;;) {
    const r = await db().generationRun.findUniqueOrThrow({ where: { id: run.id } });
    if (r.status !== "running") break;
    if (Date.now() - lastPrint > 5_000) {
      console.log(`  ${fmt((Date.now() - t0) / 1000)} s: ${JSON.stringify(await statusCounts(run.id))}`);
      lastPrint = Date.now();
    }
    await sleep(200);
  }
  const finishedAt = Date.now();
  const final = await db().generationRun.findUniqueOrThrow({ where: { id: run.id } });

  const stats = fake.stats({ records: true });
  const audit = await exactlyOnce(run.id, stats);
  const resent = await db().generationRequest.count({ where: { runId: run.id, sends: { gt: 1 } } });
  // When the provider saw each request arrive (answer time minus its duration), per key in order.
  const arrivals = new Map<string, number[]>();
  for (const r of stats.records!) {
    if (r.clientRequestId !== null) arrivals.set(r.clientRequestId, [...(arrivals.get(r.clientRequestId) ?? []), Date.parse(r.at) - r.durationMs]);
  }
  // The old worker wrote "sending" before each call, so what it sent is in `inFlight` (or answered): a key
  // not in flight that arrived after the kill came from the new worker; an in-flight key's re-send is its second arrival.
  const inFlightSet = new Set(inFlight);
  const resentInFlight = inFlight.map((k) => arrivals.get(k)?.[1]).filter((t): t is number => t !== undefined);
  const newWorkerFirst = Math.min(...[...arrivals].filter(([k]) => !inFlightSet.has(k)).flatMap(([, ts]) => ts.filter((t) => t > killedAt)));
  const undelivered = stats.records!.filter((r) => r.clientRequestId !== null && !r.delivered).length;
  const s = (ms: number) => (Number.isFinite(ms) ? `${fmt(ms / 1000, 1)} s` : "–");

  console.log(`\nrun ${final.status} in ${fmt((finishedAt - t0) / 1000, 1)} s; ${audit.samples} samples for ${audit.requests} requests`);
  console.log(
    table(
      ["measure", "value", "goal"],
      [
        ["duplicates (samples per request > 1, or per key > 1)", audit.duplicates, `0: ${audit.duplicates === 0 ? "met" : "missed"}`],
        ["lost (not succeeded and no sample)", audit.lost, `0: ${audit.lost === 0 ? "met" : "missed"}`],
        ["paid twice (fake: billed more than once)", audit.paidTwice.length, `≤ ${totalConcurrency} (concurrency): ${audit.paidTwice.length <= totalConcurrency ? "met" : "missed"}`],
        ["in flight at the kill (Postgres: sending)", inFlight.length, ""],
        ["sent twice (fake) / sends > 1 (Postgres)", `${audit.sentTwice.length} / ${resent}`, ""],
        ["answers the killed worker never got (fake: undelivered)", undelivered, ""],
        ["answered at the kill", atKill.succeeded ?? 0, ""],
        ["kill → new worker ready", s(restartedAt - killedAt), ""],
        ["kill → first request sent by the new worker", s(newWorkerFirst - killedAt), ""],
        ["kill → first in-flight request re-sent (stalled-job recovery)", s(Math.min(...resentInFlight) - killedAt), `lock ${fmt(lockMs / 1000)} s + check every ${fmt(lockMs / 2000)} s`],
        ["kill → last in-flight request re-sent", s(Math.max(...resentInFlight) - killedAt), ""],
        ["kill → run finished", s(finishedAt - killedAt), ""],
      ],
    ),
  );
  const strays = audit.paidTwice.filter((k) => !inFlightSet.has(k));
  if (strays.length) {
    console.log(`paid twice but not in flight at the kill: ${strays.length}; Postgres at the kill, then what the provider saw (s after the kill, status, delivered):`);
    for (const k of strays.slice(0, 10)) {
      const seen = stats.records!.filter((r) => r.clientRequestId === k).map((r) => `${fmt((Date.parse(r.at) - r.durationMs - killedAt) / 1000, 1)} ${r.status}${r.delivered ? "" : " undelivered"}`);
      console.log(`  ${k.slice(0, 12)}: ${rowsAtKill.get(k)?.status} sends ${rowsAtKill.get(k)?.sends}; ${seen.join("; ")}`);
    }
  }
  // Why a request was sent again other than the kill: the workers log each failed attempt.
  const failures = [killed, worker].flatMap((w) => w.output().split("\n").filter((l) => / failed: /.test(l)));
  if (failures.length) {
    const kinds = new Map<string, number>();
    for (const m of failures.map((l) => l.replace(/^.* failed: /, ""))) kinds.set(m, (kinds.get(m) ?? 0) + 1);
    console.log(`failed attempts logged by the workers: ${[...kinds].map(([m, n]) => `${n} × "${m}"`).join("; ")}`);
  }
  console.log(`load average at end: ${load()}`);
} finally {
  await closeGenerationBench(worker, fake, env);
}
