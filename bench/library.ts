// B2: the figure library at 100,000 figures. First page in Chromium (goal
// < 1 s) and the list/filter endpoint's p95 under 50 concurrent connections
// (goal < 100 ms), against the same request mix at concurrency 1.
//   npm run bench:library [-- --figures 20000 --requests 2000 --seconds 20]
// Runs under `tsx --conditions=react-server` so it can use the server-only
// modules (user creation, the library query) exactly as the app does.
import { parseArgs } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { createUser } from "@/lib/auth/users";
import { libraryQuery, listFigures } from "@/lib/figures/library";
import { startApp, signInHttp } from "./lib/app";
import { cpuMeter, waitForQuiet } from "./lib/cpu";
import { benchEnv } from "./lib/env";
import { captureQueries, explainAnalyze } from "./lib/explain";
import { fillLibrary } from "./lib/library-data";
import { libraryWhatIf } from "./lib/library-whatif";
import { requestMix, type LibraryRequest } from "./lib/library-mix";
import { load, type LoadResult } from "./lib/load";
import { machine, utcDate } from "./lib/machine";
import { psql } from "./lib/pg";
import { makeProject } from "./lib/project";
import { fmt, median, now, percentile, table } from "./lib/stats";

const FIRST_PAGE_GOAL_MS = 1000;
const P95_GOAL_MS = 100;
const { values } = parseArgs({
  options: {
    figures: { type: "string", default: "100000" },
    requests: { type: "string", default: "5000" }, // at concurrency 50, bounded also by --seconds
    single: { type: "string", default: "1000" }, // the first N of the same mix at concurrency 1
    seconds: { type: "string", default: "60" },
    repeats: { type: "string", default: "5" },
  },
});
const figures = Number(values.figures);
const repeats = Number(values.repeats);
const maxSeconds = Number(values.seconds);
const port = 3600 + Math.floor(Math.random() * 300);

const env = await benchEnv("library");
process.env.APP_URL = `http://localhost:${port}`;
let browser: Browser | undefined;
let stopApp = async () => {};
try {
  // Data, user, app.
  let t = now();
  const projectId = await makeProject("bench-library", "Bench library");
  const filled = await fillLibrary(env.url, projectId, { figures, withImages: Math.min(600, figures), workDir: env.dataDir });
  const [min, max] = psql(env.url, "SELECT min(id), max(id) FROM figure").split("|").map(Number) as [number, number];
  console.log(`filled ${fmt(figures)} figures in ${fmt(filled.articles)} articles in ${fmt((now() - t) / 1000, 1)} s`);
  const password = "bench-clinician-pass";
  const user = await createUser({ email: "clinician@bench.local", name: "Bench Clinician", password, role: "clinician" });
  const app = await startApp(process.env, port);
  stopApp = app.stop;
  const cookie = await signInHttp(app.baseUrl, user.email, password);
  const api = `/api/projects/${projectId}/figures`;
  const countText = `${figures.toLocaleString("en-US")} figures`;

  // Bare API first page (what the grid asks for first), after one warm-up call.
  await waitForQuiet();
  const apiMs: number[] = [];
  let apiBytes = 0;
  for (let i = 0; i <= repeats; i++) {
    t = now();
    const res = await fetch(`${app.baseUrl}${api}?limit=300`, { headers: { cookie } });
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
  const { kinds, requests } = requestMix(api, filled.journals, { min, max }, Number(values.requests));
  const me = Array.from({ length: 2000 }, () => ({ kind: "me", path: "/api/me" }));
  const phase = async (reqs: { kind: string; path: string }[], concurrency: number, seconds = maxSeconds) => {
    await waitForQuiet();
    const cpu = cpuMeter(app.pgid);
    const res = await load(app.baseUrl, reqs, { concurrency, cookie, maxSeconds: seconds });
    return { ...res, cpu: cpu() };
  };
  const floor1 = await phase(me.slice(0, 300), 1, 20);
  const floor50 = await phase(me, 50, 20);
  const single = await phase(requests.slice(0, Number(values.single)), 1);
  const many = await phase(requests, 50);
  // What-if without code changes: the grid's page size at 100 instead of 300.
  const small = await phase(requests.map((r) => ({ ...r, path: r.path.replace("limit=300", "limit=100") })), 50);
  await app.stop();
  stopApp = async () => {};

  // SQL per kind: the queries listFigures sends for the first request of each kind, EXPLAIN ANALYZEd.
  const sql = new Map<string, { ms: number; plans: string[] }>();
  for (const kind of kinds) {
    const req = requests.find((r) => r.kind === kind) as LibraryRequest;
    const queries = await captureQueries(() => listFigures(projectId, libraryQuery.parse({ limit: "300", ...req.filters })));
    let ms = 0;
    const plans: string[] = [];
    for (const q of queries.filter((q) => q.sql.includes('"figure"'))) {
      const plan = await explainAnalyze(q);
      ms += Number(/Execution Time: ([\d.]+)/.exec(plan)?.[1] ?? NaN);
      plans.push(`${q.sql}\n-- params ${JSON.stringify(q.params)}\n${plan}`);
    }
    sql.set(kind, { ms, plans });
  }

  const whatIf = await libraryWhatIf(env.url, projectId, [
    {}, { hasMentions: "yes" }, { journal: filled.journals[0]!, hasMentions: "yes" }, { q: "MRI" }, { q: "aneurysm" }, { journal: filled.journals[0]!, q: "MRI" },
  ]);

  // Report.
  const stats = (res: LoadResult) => {
    const ms = res.latencies.map((l) => l.ms).sort((a, b) => a - b);
    return { n: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), rps: ms.length / res.seconds, errors: res.errors.length };
  };
  const byKind = (res: LoadResult) => {
    const m = new Map<string, number[]>();
    for (const l of res.latencies) m.set(l.kind, [...(m.get(l.kind) ?? []), l.ms]);
    for (const xs of m.values()) xs.sort((a, b) => a - b);
    return m;
  };
  type Stats = ReturnType<typeof stats>;
  const [s1, s50, f1, f50, s100] = [single, many, floor1, floor50, small].map(stats) as [Stats, Stats, Stats, Stats, Stats];
  const [k1, k50] = [byKind(single), byKind(many)];
  const thumbMed = median(pageRuns.map((p) => p.thumb));
  const countMed = median(pageRuns.map((p) => p.count));
  const perReq = (p: typeof many, n: number) => `${fmt((1000 * p.cpu.app) / n, 1)} / ${fmt((1000 * p.cpu.postgres) / n, 1)} / ${fmt((1000 * p.cpu.bench) / n, 1)} / ${fmt((1000 * p.cpu.other) / n, 1)}`;

  console.log(`\nB2 library, ${fmt(figures)} figures in ${fmt(filled.articles)} articles, ${filled.journals.length} journals: ${utcDate()}\n${machine()}\n`);
  console.log(table([`first page (median of ${pageRuns.length})`, "ms", "goal/measured (goal 1,000 ms)"], [
    ["goto → first thumbnail loaded", fmt(thumbMed), fmt(FIRST_PAGE_GOAL_MS / thumbMed, 2)],
    [`goto → count shows "${countText}"`, fmt(countMed), fmt(FIRST_PAGE_GOAL_MS / countMed, 2)],
    ["server HTML, time to first byte", fmt(median(pageRuns.map((p) => p.ttfb))), ""],
    [`bare API GET …/figures?limit=300 (${fmt(apiBytes / 1024)} KiB)`, fmt(median(apiMs)), ""],
  ]));
  console.log(`  runs (thumbnail / count ms): ${pageRuns.map((p) => `${fmt(p.thumb)} / ${fmt(p.count)}`).join(", ")}\n`);
  console.log(table(["endpoint", "conc.", "requests", "p50 ms", "p95 ms", "p99 ms", "req/s", "non-200", "CPU ms/request: app / postgres / load gen / other"], [
    ["figures mix", 50, s50.n, fmt(s50.p50, 1), fmt(s50.p95, 1), fmt(s50.p99, 1), fmt(s50.rps, 1), s50.errors, perReq(many, s50.n)],
    ["figures mix (baseline)", 1, s1.n, fmt(s1.p50, 1), fmt(s1.p95, 1), fmt(s1.p99, 1), fmt(s1.rps, 1), s1.errors, perReq(single, s1.n)],
    ["figures mix, limit=100 (what-if)", 50, s100.n, fmt(s100.p50, 1), fmt(s100.p95, 1), fmt(s100.p99, 1), fmt(s100.rps, 1), s100.errors, perReq(small, s100.n)],
    ["/api/me (session only)", 50, f50.n, fmt(f50.p50, 1), fmt(f50.p95, 1), fmt(f50.p99, 1), fmt(f50.rps, 1), f50.errors, perReq(floor50, f50.n)],
    ["/api/me (session only)", 1, f1.n, fmt(f1.p50, 1), fmt(f1.p95, 1), fmt(f1.p99, 1), fmt(f1.rps, 1), f1.errors, perReq(floor1, f1.n)],
  ]));
  console.log(`\np95(50) / goal = ${fmt(s50.p95 / P95_GOAL_MS, 2)} (p95 < ${P95_GOAL_MS} ms: ${s50.p95 < P95_GOAL_MS ? "met" : "missed"}); p95(50) / p95(1) = ${fmt(s50.p95 / s1.p95, 2)}\n`);
  console.log(table(["kind", "share", "SQL ms (page + count)", "p50 ms c=1", "p95 ms c=1", "p50 ms c=50", "p95 ms c=50"],
    kinds.map((kind) => {
      const a = k1.get(kind) ?? [];
      const b = k50.get(kind) ?? [];
      return [kind, `${fmt((100 * b.length) / s50.n)} %`, fmt(sql.get(kind)!.ms, 1), fmt(percentile(a, 50), 1), fmt(percentile(a, 95), 1), fmt(percentile(b, 50), 1), fmt(percentile(b, 95), 1)];
    })));
  console.log("\nwhat-if in SQL (EXPLAIN ANALYZE ms, best of 3): now / with the partial index WHERE mentions <> '{}' / count capped at 1,001\n");
  console.log(table(["filters", "query", "now", "index", "capped count"],
    whatIf.map((w) => [w.filters, w.query, fmt(w.now, 1), fmt(w.index, 1), w.cap === null ? "" : fmt(w.cap, 1)])));
  for (const e of [...new Set([...many.errors, ...single.errors, ...floor1.errors, ...floor50.errors, ...small.errors])].slice(0, 10)) console.log(`  error: ${e}`);
  const slowest = [...k1].sort((a, b) => percentile(b[1], 95) - percentile(a[1], 95))[0]![0];
  console.log(`\nslowest kind (p95 at concurrency 1): ${slowest}; EXPLAIN (ANALYZE, BUFFERS) of its queries:\n`);
  console.log(sql.get(slowest)!.plans.join("\n\n"));
} finally {
  await browser?.close();
  await stopApp();
  await env.cleanup();
}
