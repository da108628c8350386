// Demo data generator for Obsidian Studio.
//
// WHAT IT MAKES
//   <outDir>/records/records.jsonl   figure records, one JSON object a line, with the
//                                    fields of the reference pipeline's "Figure record":
//                                    custom_id, fig_label, fig_caption, in_text_mention,
//                                    image, paper, page, journal, and optionally title,
//                                    doi, year, plus synthetic: true
//   <outDir>/records/images/*        one image per record (JPEG and PNG, 320–900 px wide)
//   <outDir>/records.tar.gz          the same records.jsonl + images/ as one upload
//   <outDir>/jats/PMC0000001.nxml    a small JATS article shaped like a PMC Open Access
//   <outDir>/jats/PMC0000001-g00N.jpg  package (see jats.ts; Figure 5's image is missing
//                                    on purpose to show the caption-only, flagged path)
//   <outDir>/PMC0000001.tar.gz       that package as PMC ships it: PMC0000001/… inside
//
// WHY
//   The app imports journal figures through a real import pipeline and then lets
//   clinicians label them (imaging / interesting / discard) with help from image
//   features and PCA. A demo needs an input that goes through that same pipeline and
//   whose images differ by kind, so the PCA ordering visibly groups them. Four kinds
//   are drawn: grayscale scans (MRI/CT-like, sometimes 2×2 panels), charts (bar, line,
//   Kaplan–Meier), diagrams (flowcharts, anatomy schematics) and colour intra-operative
//   photo-like images. Captions and in-text mentions come from templates (captions.ts).
//
//   Everything is invented and says so: journal codes end in "Synth", captions end in
//   "[synthetic demo figure]", titles end in "(synthetic demo article)", DOIs use the
//   10.5555 test prefix, and every record has synthetic: true.
//
// DETERMINISM
//   A seeded PRNG (mulberry32, prng.ts) drives everything; each figure derives its own
//   streams from (seed, custom_id), so images can be rendered concurrently and the same
//   seed gives byte-identical files and archives (tar entries sorted, mtimes fixed,
//   gzip without timestamp).
//
// USAGE
//   npx tsx scripts/demo-data/generate.ts <outDir> [--figures 300] [--seed 1]
//   or: import { generateDemoData } from "./scripts/demo-data/generate"
import { mapLimit } from "../../lib/imports/map-limit";
import { execFileSync } from "node:child_process";
import { realpathSync } from "node:fs";
import { cp, mkdir, readdir, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { TOPICS, articleTitle, caption, figureFacts, mentions, type FigureKind, type FigurePlan, type Topic } from "./captions";
import { planChart } from "./images/chart";
import { planDiagram } from "./images/diagram";
import { renderFigure, type ImageFormat, type ImageRequest } from "./images/index";
import { planPhoto } from "./images/photo";
import { planScan } from "./images/scan";
import { PMCID, writeJats } from "./jats";
import { createRng, type Rng } from "./prng";

export type DemoOptions = { figures?: number; seed?: number };

export type DemoCounts = {
  figures: number;
  articles: number;
  journals: number;
  byKind: Record<FigureKind, number>;
  byFormat: Record<ImageFormat, number>;
  mentions: number;
  figuresWithoutMentions: number;
  jatsFigures: number;
  jatsImages: number;
  /** The JATS image file deliberately not written. */
  jatsMissingImage: string;
};

export type DemoResult = {
  recordsDir: string;
  recordsArchive: string;
  jatsDir: string;
  jatsArchive: string;
  counts: DemoCounts;
};

/** One line of records.jsonl, in field order. */
export type FigureRecord = {
  custom_id: string;
  fig_label: string;
  fig_caption: string;
  in_text_mention: string[];
  image: string;
  paper: string;
  page: number;
  journal: string;
  title?: string;
  doi?: string;
  year?: number;
  synthetic: true;
};

const JOURNALS = [
  { code: "J Neurosurg Synth", short: "jns", regions: ["brain", "spine"] },
  { code: "Spine Synth", short: "spine", regions: ["spine"] },
  { code: "Neurosurg Focus Synth", short: "nsf", regions: ["brain", "spine"] },
  { code: "World Neurosurg Synth", short: "wns", regions: ["brain", "spine"] },
  { code: "Acta Neurochir Synth", short: "anc", regions: ["brain"] },
] as const;

const KINDS: FigureKind[] = ["scan", "chart", "diagram", "photo"];
const KIND_WEIGHTS = [0.36, 0.22, 0.17, 0.25];

type Article = { handle: string; journal: string; title: string; doi: string; year: number; topic: Topic; firstPage: number; figures: number };
type Planned = { record: FigureRecord; fig: FigurePlan; req: ImageRequest };

/** ~5 figures an article; every article gets at least one. */
function planArticles(rng: Rng, figures: number): Article[] {
  const n = Math.max(1, Math.round(figures / 5));
  const sizes = Array.from({ length: n }, () => rng.int(2, 8));
  let total = sizes.reduce((a, b) => a + b, 0);
  while (total !== figures) {
    const i = rng.int(0, n - 1);
    const step = total > figures ? -1 : 1;
    const size = sizes[i]! + step;
    if (size < 1 || size > 12) continue;
    sizes[i] = size;
    total += step;
  }
  return sizes.map((count, i) => {
    const topic = rng.pick(TOPICS);
    const journal = rng.pick(JOURNALS.filter((j) => (j.regions as readonly string[]).includes(topic.region)));
    const num = String(i + 1).padStart(4, "0");
    return {
      handle: `synth-${journal.short}-a${num}`,
      journal: journal.code,
      title: articleTitle(rng, topic),
      doi: `10.5555/synth.${num}`,
      year: rng.int(2012, 2024),
      topic,
      firstPage: rng.int(100, 1800),
      figures: count,
    };
  });
}

function planFigure(rng: Rng, kind: FigureKind, topic: Topic): { fig: FigurePlan; width: number; height: number; format: ImageFormat } {
  const width = rng.int(320, 900);
  const jpgShare = { scan: 0.8, photo: 0.9, chart: 0.25, diagram: 0.25 }[kind];
  const format: ImageFormat = rng.chance(jpgShare) ? "jpg" : "png";
  let fig: FigurePlan;
  let aspect: number;
  switch (kind) {
    case "scan":
      fig = { kind, plan: planScan(rng, topic.region) };
      aspect = fig.plan.panels === 4 ? rng.float(0.9, 1.05) : rng.float(0.85, 1.2);
      break;
    case "chart":
      fig = { kind, plan: planChart(rng, topic) };
      aspect = rng.float(0.6, 0.8);
      break;
    case "diagram":
      fig = { kind, plan: planDiagram(rng, topic.region) };
      aspect = rng.float(0.65, 1.0);
      break;
    case "photo":
      fig = { kind, plan: planPhoto(rng) };
      aspect = rng.float(0.62, 0.8);
      break;
  }
  return { fig, width, height: Math.round(width * aspect), format };
}

/** Sets every mtime under dir to one fixed date, so archives are reproducible (also without GNU tar's --mtime). */
async function fixMtimes(dir: string): Promise<void> {
  const when = new Date("2020-01-01T00:00:00Z");
  for (const entry of await readdir(dir, { recursive: true })) await utimes(path.join(dir, entry), when, when);
  await utimes(dir, when, when);
}

/** The tar CLI writes the archive to stdout; Node's zlib gzips it (no timestamp in the header). GNU tar also gets sorted names and fixed owners. */
function tarGz(cwd: string, entries: string[], outFile: string): Promise<void> {
  const gnu = /GNU tar/.test(execFileSync("tar", ["--version"], { encoding: "utf8" }));
  const flags = gnu ? ["--sort=name", "--mtime=@1577836800", "--owner=0", "--group=0", "--numeric-owner", "--format=gnu"] : [];
  const tarball = execFileSync("tar", [...flags, "-cf", "-", "-C", cwd, ...entries.sort()], { maxBuffer: 1 << 30 });
  return writeFile(outFile, gzipSync(tarball, { level: 6 }));
}

export async function generateDemoData(outDir: string, opts: DemoOptions = {}): Promise<DemoResult> {
  const total = opts.figures ?? 300;
  const seed = opts.seed ?? 1;
  if (!Number.isInteger(total) || total < 1) throw new Error(`figures must be a positive integer, got ${total}`);
  const root = path.resolve(outDir);
  const recordsDir = path.join(root, "records");
  const jatsDir = path.join(root, "jats");
  const recordsArchive = path.join(root, "records.tar.gz");
  const jatsArchive = path.join(root, `${PMCID}.tar.gz`);
  // Only our own outputs are removed, so a rerun leaves no stale images behind.
  for (const p of [recordsDir, jatsDir, recordsArchive, jatsArchive]) await rm(p, { recursive: true, force: true });
  await mkdir(path.join(recordsDir, "images"), { recursive: true });

  // 1. Articles and figures: plans, captions and mentions (cheap, sequential).
  const articles = planArticles(createRng(seed, "articles"), total);
  const planned: Planned[] = [];
  for (const a of articles) {
    let page = a.firstPage;
    for (let n = 1; n <= a.figures; n++) {
      const custom_id = `${a.handle}_f${n}`;
      const rng = createRng(seed, `plan:${custom_id}`);
      const kind = KINDS[rng.weighted(KIND_WEIGHTS)]!;
      const { fig, width, height, format } = planFigure(rng, kind, a.topic);
      page += rng.int(n === 1 ? 1 : 0, 2);
      const text = createRng(seed, `text:${custom_id}`);
      const facts = figureFacts(text, a.topic);
      const others = Array.from({ length: a.figures }, (_, i) => i + 1).filter((k) => k !== n);
      const record: FigureRecord = {
        custom_id,
        fig_label: `Figure ${n}`,
        fig_caption: caption(text, fig, facts),
        in_text_mention: mentions(text, fig, facts, n, others),
        image: `images/${custom_id}.${format}`,
        paper: a.handle,
        page,
        journal: a.journal,
        title: a.title,
        doi: a.doi,
        year: a.year,
        synthetic: true,
      };
      planned.push({ record, fig, req: { width, height, format } });
    }
  }

  // 2. Images, a few at a time (pixel work is JS; encoding runs on libvips threads).
  const limit = Math.max(4, Math.min(8, os.availableParallelism() * 2));
  await mapLimit(planned, limit, async ({ record, fig, req }) => {
    const buf = await renderFigure(createRng(seed, `image:${record.custom_id}`), fig, req);
    await writeFile(path.join(recordsDir, record.image), buf);
  });
  await writeFile(path.join(recordsDir, "records.jsonl"), planned.map((p) => JSON.stringify(p.record)).join("\n") + "\n");

  // 3. The JATS package, then both archives.
  const jats = await writeJats(jatsDir, seed);
  await fixMtimes(recordsDir);
  await tarGz(recordsDir, ["records.jsonl", "images"], recordsArchive);
  const stage = path.join(root, ".stage");
  await rm(stage, { recursive: true, force: true });
  await cp(jatsDir, path.join(stage, PMCID), { recursive: true });
  await fixMtimes(stage);
  await tarGz(stage, [PMCID], jatsArchive);
  await rm(stage, { recursive: true, force: true });

  const count = <K extends string>(keys: readonly K[], of: (p: Planned) => K) =>
    Object.fromEntries(keys.map((k) => [k, planned.filter((p) => of(p) === k).length])) as Record<K, number>;
  return {
    recordsDir,
    recordsArchive,
    jatsDir,
    jatsArchive,
    counts: {
      figures: planned.length,
      articles: articles.length,
      journals: new Set(articles.map((a) => a.journal)).size,
      byKind: count(KINDS, (p) => p.fig.kind),
      byFormat: count(["jpg", "png"] as const, (p) => p.req.format),
      mentions: planned.reduce((s, p) => s + p.record.in_text_mention.length, 0),
      figuresWithoutMentions: planned.filter((p) => p.record.in_text_mention.length === 0).length,
      jatsFigures: jats.figures,
      jatsImages: jats.images.length,
      jatsMissingImage: jats.missingImage,
    },
  };
}

function parseArgs(argv: string[]): { outDir: string; opts: DemoOptions } {
  let outDir: string | undefined;
  const opts: DemoOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--figures" || a === "--seed") {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v)) throw new Error(`${a} needs an integer`);
      if (a === "--figures") opts.figures = v;
      else opts.seed = v;
    } else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else outDir = a;
  }
  if (!outDir) throw new Error("usage: npx tsx scripts/demo-data/generate.ts <outDir> [--figures 300] [--seed 1]");
  return { outDir, opts };
}

const isMain = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (isMain) {
  const started = performance.now();
  Promise.resolve()
    .then(() => {
      const { outDir, opts } = parseArgs(process.argv.slice(2));
      return generateDemoData(outDir, opts);
    })
    .then((result) => console.log(JSON.stringify({ ...result, seconds: Math.round((performance.now() - started) / 100) / 10 }, null, 2)))
    .catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    });
}
