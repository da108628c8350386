// B2: the figure library at 100,000 figures. First page in Chromium (goal
// < 1 s) and the list/filter endpoint's p95 under 50 concurrent connections
// (goal < 100 ms), against the same request mix at concurrency 1; the same
// mix arriving at fixed rates over 50 connections (open loop); then the same
// mix through listFigures in this process (no HTTP, no Next.js), which
// measures the library code as it is in the working tree even when the
// production build (.next) is older than it: the bench says so.
//   npm run bench:library [-- --figures 20000 --requests 2000 --seconds 20]
// Runs under `tsx --conditions=react-server` so it can use the server-only
// modules (user creation, the library query) exactly as the app does.
import { readdirSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { createUser } from "@/lib/auth/users";
import { libraryQuery, listFigures } from "@/lib/figures/library";
import { startApp, signInHttp } from "./lib/app";
import { cpuMeter, waitForQuiet } from "./lib/cpu";
import { benchEnv } from "./lib/env";
import { captureQueries, explainAnalyze } from "./lib/explain";
import { fillLibrary } from "./lib/library-data";
import { requestMix, type LibraryRequest } from "./lib/library-mix";
import { closedLoop, load, openLoop, type LoadResult } from "./lib/load";
import { machine, utcDate } from "./lib/machine";
import { psql } from "./lib/pg";
import { makeProject } from "./lib/project";
import { fmt, median, now, percentile, table } from "./lib/stats";

const FIRST_PAGE_GOAL_MS = 1000;
const P95_GOAL_MS = 100;
const PAGE = 100; // what the grid asks for (components/figures/use-figures.ts); 300 before 2026-12-04
const { values } = parseArgs({
  options: {
    figures: { type: "string", default: "100000" },
    requests: { type: "string", default: "5000" }, // at concurrency 50, bounded also by --seconds
    single: { type: "string", default: "1000" }, // the first N of the same mix at concurrency 1
    seconds: { type: "string", default: "60" },
    // Open loop: these arrival rates (req/s) over 50 connections, `open-seconds` each.
    rates: { type: "string", default: "25,50,100,150,200" },
    "open-seconds": { type: "string", default: "20" },
    repeats: { type: "string", default: "5" },
    http: { type: "string", default: "yes" }, // "no": only the in-process run and the SQL (no build needed)
  },
});
const figures = Number(values.figures);
const repeats = Number(values.repeats);
const maxSeconds = Number(values.seconds);
const port = 3600 + Math.floor(Math.random() * 300);

type Phase = LoadResult & { cpu: ReturnType<ReturnType<typeof cpuMeter>>; load1: number };

const env = await benchEnv("library");
process.env.APP_URL = `http://localhost:${port}`;
let browser: Browser | undefined;
let stopApp = async () => {};
try {
  // Data, user.
  const t = now();
  const projectId = await makeProject("bench-library", "Bench library");
  const filled = await fillLibrary(env.url, projectId, { figures, withImages: Math.min(600, figures), workDir: env.dataDir });
  const [min, max] = psql(env.url, "SELECT min(id), max(id) FROM figure").split("|").map(Number) as [number, number];
  console.log(`filled ${fmt(figures)} figures in ${fmt(filled.articles)} articles in ${fmt((now() - t) / 1000, 1)} s`);
  const password = "bench-clinician-pass";
  const user = await createUser({ email: "clinician@bench.local", name: "Bench Clinician", password, role: "clinician" });
  const api = `/api/projects/${projectId}/figures`;
  const { kinds, requests } = requestMix(api, filled.journals, { min, max }, Number(values.requests));
  // Every timed run starts with no cached counts, as after an import (lib/figures/library.ts).
  // (The table may be absent: this bench also runs on a checkout from before the cache, to compare.)
  const hasCache = psql(env.url, "SELECT to_regclass('figure_count_cache') IS NOT NULL") === "t";
  const coldCounts = () => hasCache && psql(env.url, "TRUNCATE figure_count_cache");

  const http = values.http === "no" ? null : await httpPhases(projectId, user.email, password, api, requests);

  // The same mix through listFigures in this process: the library's own cost (Prisma, PostgreSQL) at 50 callers.
  coldCounts();
  await waitForQuiet();
  const cpuDirect = cpuMeter(null);
  const direct = await closedLoop(requests, { concurrency: 50, maxSeconds }, (r: LibraryRequest) =>
    listFigures(projectId, libraryQuery.parse({ limit: String(PAGE), ...r.filters })),
  );
  const inProcess: Phase = { ...direct, cpu: { ...cpuDirect(), app: 0 }, load1: os.loadavg()[0]! };
  const cached = hasCache ? psql(env.url, "SELECT count(*) FROM figure_count_cache WHERE total IS NOT NULL") : "no cache table:";

  // SQL per kind: the queries listFigures sends for the first request of each kind, EXPLAIN ANALYZEd.
  const sql = new Map<string, { ms: number; plans: string[] }>();
  for (const kind of kinds) {
    const req = requests.find((r) => r.kind === kind) as LibraryRequest;
    coldCounts(); // so the count runs and is measured: the cost of a cache miss
    const queries = await captureQueries(() => listFigures(projectId, libraryQuery.parse({ limit: String(PAGE), ...req.filters })));
    let ms = 0;
    const plans: string[] = [];
    for (const q of queries.filter((q) => q.sql.includes('"figure"'))) {
      const plan = await explainAnalyze(q);
      ms += Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? NaN);
      plans.push(`${q.sql}\n-- params ${JSON.stringify(q.params)}\n${plan}`);
    }
    sql.set(kind, { ms, plans });
  }

  // Report.
  const stats = (res: LoadResult) => {
    const ms = res.latencies.map((l) => l.ms).sort((a, b) => a - b);
    return { n: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), rps: ms.length / res.seconds, errors: res.errors.length };
  };
  const byKind = (res: LoadResult | undefined) => {
    const m = new Map<string, number[]>();
    for (const l of res?.latencies ?? []) m.set(l.kind, [...(m.get(l.kind) ?? []), l.ms]);
    for (const xs of m.values()) xs.sort((a, b) => a - b);
    return m;
  };
  const perReq = (p: Phase, n: number) => `${fmt((1000 * p.cpu.app) / n, 1)} / ${fmt((1000 * p.cpu.postgres) / n, 1)} / ${fmt((1000 * p.cpu.bench) / n, 1)} / ${fmt((1000 * p.cpu.other) / n, 1)}`;
  const row = (name: string, conc: number, p: Phase) => {
    const x = stats(p);
    return [name, conc, x.n, fmt(x.p50, 1), fmt(x.p95, 1), fmt(x.p99, 1), fmt(x.rps, 1), x.errors, perReq(p, x.n), fmt(p.load1, 2)];
  };

  console.log(`\nB2 library, ${fmt(figures)} figures in ${fmt(filled.articles)} articles, ${filled.journals.length} journals: ${utcDate()}\n${machine()}\n`);
  if (http) {
    const { pageRuns, apiMs, apiBytes, countText } = http;
    const thumbMed = median(pageRuns.map((p) => p.thumb));
    const countMed = median(pageRuns.map((p) => p.count));
    console.log(table([`first page (median of ${pageRuns.length})`, "ms", "goal/measured (goal 1,000 ms)"], [
      ["goto → first thumbnail loaded", fmt(thumbMed), fmt(FIRST_PAGE_GOAL_MS / thumbMed, 2)],
      [`goto → count shows "${countText}"`, fmt(countMed), fmt(FIRST_PAGE_GOAL_MS / countMed, 2)],
      ["server HTML, time to first byte", fmt(median(pageRuns.map((p) => p.ttfb))), ""],
      [`bare API GET …/figures?limit=${PAGE} (${fmt(apiBytes / 1024)} KiB)`, fmt(median(apiMs)), ""],
    ]));
    console.log(`  runs (thumbnail / count ms): ${pageRuns.map((p) => `${fmt(p.thumb)} / ${fmt(p.count)}`).join(", ")}\n`);
  }
  const h = http?.phases;
  console.log(table(["endpoint", "conc.", "requests", "p50 ms", "p95 ms", "p99 ms", "req/s", "non-200", "CPU ms/request: app / postgres / load gen / other", "load (1 min)"], [
    ...(h
      ? [
          row(`figures mix, limit=${PAGE}`, 50, h.many),
          row(`figures mix, limit=${PAGE} (baseline)`, 1, h.single),
          row("figures mix, limit=300 (the page before)", 50, h.big),
          row("/api/me (session only)", 50, h.floor50),
          row("/api/me (session only)", 1, h.floor1),
        ]
      : []),
    row(`listFigures in-process, limit=${PAGE} (no HTTP; "load gen" = the caller)`, 50, inProcess),
  ]));
  console.log(`  counts cached at the end of the in-process run: ${cached} (project, filters) pairs`);
  if (h) {
    const [s1, s50] = [stats(h.single), stats(h.many)];
    console.log(`\np95(50) / goal = ${fmt(s50.p95 / P95_GOAL_MS, 2)} (p95 < ${P95_GOAL_MS} ms: ${s50.p95 < P95_GOAL_MS ? "met" : "missed"}); p95(50) / p95(1) = ${fmt(s50.p95 / s1.p95, 2)}\n`);
  }
  if (http) {
    console.log(`Open loop: the mix arriving at a fixed rate (exponential gaps) over 50 keep-alive connections; latency from when each request was due.\n`);
    console.log(table(["arrival rate req/s", "served req/s", "requests", "p50 ms", "p95 ms", "p99 ms", "non-200", "CPU ms/request: app / postgres / load gen / other", "p95 < 100 ms"],
      http.open.map((p) => {
        const x = stats(p);
        return [p.rate, fmt(x.rps, 1), x.n, fmt(x.p50, 1), fmt(x.p95, 1), fmt(x.p99, 1), x.errors, perReq(p, x.n), x.p95 < P95_GOAL_MS ? "yes" : "no"];
      })));
    const met = http.open.filter((p) => stats(p).p95 < P95_GOAL_MS).map((p) => p.rate);
    console.log(`\nhighest arrival rate with p95 < ${P95_GOAL_MS} ms: ${met.length ? `${Math.max(...met)} req/s` : "none measured"}\n`);
  }
  const [k1, k50, kIn] = [byKind(h?.single), byKind(h?.many), byKind(direct)];
  console.log(table(["kind", "share", "SQL ms (page + count, cache miss)", "p50 / p95 ms c=1", "p50 / p95 ms c=50", "p50 / p95 ms in-process c=50"],
    kinds.map((kind) => {
      const ms = (xs: number[] | undefined) => (xs ? `${fmt(percentile(xs, 50), 1)} / ${fmt(percentile(xs, 95), 1)}` : "–");
      return [kind, `${fmt((100 * (kIn.get(kind)?.length ?? 0)) / direct.latencies.length)} %`, fmt(sql.get(kind)!.ms, 1), ms(k1.get(kind)), ms(k50.get(kind)), ms(kIn.get(kind))];
    })));
  const errors = [...(h ? Object.values(h).flatMap((p) => p.errors) : []), ...(http?.open.flatMap((p) => p.errors) ?? []), ...direct.errors];
  for (const e of [...new Set(errors)].slice(0, 10)) console.log(`  error: ${e}`);
  const slowest = [...sql].sort((a, b) => b[1].ms - a[1].ms)[0]![0];
  console.log(`\nslowest kind on a cache miss: ${slowest}; EXPLAIN (ANALYZE, BUFFERS) of its queries:\n`);
  console.log(sql.get(slowest)!.plans.join("\n\n"));

  /** The built app: first page in Chromium, then the mix and /api/me over HTTP at concurrency 1 and 50. */
  async function httpPhases(projectId: number, email: string, password: string, api: string, requests: LibraryRequest[]) {
    const build = buildAge();
    if (build.newer.length) {
      console.log(`  NOTE: the production build (${build.at}) is older than ${build.newer.length} source files ` +
        `(${build.newer.slice(0, 5).join(", ")}${build.newer.length > 5 ? ", …" : ""}): the HTTP phases measure the code as built then`);
    }
    const app = await startApp(process.env, port);
    stopApp = app.stop;
    const cookie = await signInHttp(app.baseUrl, email, password);
    const countText = `${figures.toLocaleString("en-US")} figures`;

    // Bare API first page (what the grid asks for first), after one warm-up call.
    await waitForQuiet();
    const apiMs: number[] = [];
    let apiBytes = 0;
    for (let i = 0; i <= repeats; i++) {
      const t = now();
      const res = await fetch(`${app.baseUrl}${api}?limit=${PAGE}`, { headers: { cookie } });
      apiBytes = (await res.arrayBuffer()).byteLength;
      if (res.status !== 200) throw new Error(`GET ${api}: ${res.status}`);
      if (i > 0) apiMs.push(now() - t);
    }

    // First page in Chromium: navigation start → first thumbnail loaded / count shown. Run 0 warms up.
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
    const cookies = cookie.split("; ").map((c) => ({ name: c.slice(0, c.indexOf("=")), value: c.slice(c.indexOf("=") + 1), url: app.baseUrl }));
    const pageRuns: { thumb: number; count: number; ttfb: number }[] = [];
    for (let i = 0; i <= repeats; i++) {
      const ctx = await browser.newContext({ baseURL: app.baseUrl, viewport: { width: 1400, height: 900 }, locale: "en-US" });
      await ctx.addCookies(cookies);
      const page = await ctx.newPage();
      const start = now();
      await page.goto("/figures", { waitUntil: "commit" });
      const [thumb, count] = await Promise.all([
        page
          .waitForFunction(() => {
            const img = document.querySelector<HTMLImageElement>("[data-figure-id] img");
            return !!img && img.complete && img.naturalWidth > 0;
          }, null, { polling: "raf", timeout: 60_000 })
          .then(() => now() - start),
        page
          .waitForFunction((text) => document.querySelector("[data-testid=figure-count]")?.textContent === text, countText, { polling: "raf", timeout: 60_000 })
          .then(() => now() - start),
      ]);
      const ttfb = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseStart);
      if (i > 0) pageRuns.push({ thumb, count, ttfb });
      await ctx.close();
    }
    await browser.close();
    browser = undefined;

    // Load: the mix at concurrency 1 (baseline) and 50; /api/me (session check only) as the framework floor.
    const me = Array.from({ length: 2000 }, () => ({ kind: "me", path: "/api/me" }));
    const phase = async (reqs: { kind: string; path: string }[], concurrency: number, seconds = maxSeconds): Promise<Phase> => {
      coldCounts();
      await waitForQuiet();
      const cpu = cpuMeter(app.pgid);
      const res = await load(app.baseUrl, reqs, { concurrency, cookie, maxSeconds: seconds });
      return { ...res, cpu: cpu(), load1: os.loadavg()[0]! };
    };
    const floor1 = await phase(me.slice(0, 300), 1, 20);
    const floor50 = await phase(me, 50, 20);
    const single = await phase(requests.slice(0, Number(values.single)), 1);
    const many = await phase(requests, 50);
    // The page the grid asked for before (300 rows), for comparison.
    const big = await phase(requests.map((r) => ({ ...r, path: r.path.replace(`limit=${PAGE}`, "limit=300") })), 50);
    // The same mix arriving at fixed rates over 50 connections (people browsing, not a closed loop).
    const open: (Phase & { rate: number })[] = [];
    for (const rate of values.rates!.split(",").map(Number)) {
      coldCounts();
      await waitForQuiet();
      const cpu = cpuMeter(app.pgid);
      const res = await openLoop(app.baseUrl, requests, { rate, connections: 50, cookie, seconds: Number(values["open-seconds"]) });
      open.push({ ...res, cpu: cpu(), load1: os.loadavg()[0]!, rate });
    }
    await app.stop();
    stopApp = async () => {};
    return { pageRuns, apiMs, apiBytes, countText, phases: { floor1, floor50, single, many, big }, open };
  }
} finally {
  await browser?.close();
  await stopApp();
  await env.cleanup();
}

/** When the production build was made, and the source files changed since (the build does not have them). */
function buildAge(): { at: string; newer: string[] } {
  const built = statSync(".next/BUILD_ID").mtimeMs;
  const newer: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== "generated") walk(p);
      else if (/\.tsx?$/.test(e.name) && statSync(p).mtimeMs > built) newer.push(p);
    }
  };
  for (const dir of ["app", "components", "lib"]) walk(dir);
  return { at: new Date(built).toISOString().replace(/\.\d+Z$/, "Z"), newer };
}
