// P1: image features on the CPU, images/s over the same 256 figures.
//   ONNX:    createOnnxExtractor (onnxruntime-node, our torchvision-exact preprocessing)
//   PyTorch: torchvision ResNet-50 with the same weights, PIL + torchvision
//            transforms, in Debian's /usr/bin/python3 (bench/lib/resnet-torch.py)
//   builtin: builtinExtractor (no model)
// Both ResNets time decode + preprocessing + inference from bytes already in
// memory, batches of 16, after one warm-up batch, at the same thread count.
// Rounds interleave the three, so load from other jobs hits all of them alike;
// each timing is printed with the load average at its start.
//   npm run bench:features [-- --threads 2,1 --rounds 3]
// Needs: apt-get install python3-torch python3-torchvision (weights: bench/lib/resnet-export.py).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { mapLimit } from "@/lib/imports/map-limit";
import { builtinExtractor } from "@/lib/features/builtin";
import { decodeRgb } from "@/lib/features/decode";
import { createOnnxExtractor } from "@/lib/features/onnx";
import { TENSOR_SIZE, normalizeInto, resizeAndCrop } from "@/lib/features/preprocess";
import type { Extractor } from "@/lib/features/types";
import { generateDemoData } from "../scripts/demo-data/generate";
import { machine } from "./lib/machine";
import { fmt, median, now, table } from "./lib/stats";

const PYTHON = "/usr/bin/python3";
const OUT = path.join(import.meta.dirname, "out");
const MODEL = path.join(OUT, "resnet50.onnx");
const WEIGHTS = path.join(OUT, "resnet50.pt");
const FIGURES = 256;
const SEED = 21;
const BATCH = 16;
const GOAL_VS_TORCH = 1.5;
const GOAL_BUILTIN = 20;

const { values: args } = parseArgs({
  options: { threads: { type: "string", default: "2,1" }, rounds: { type: "string", default: "3" } },
});
const threadCounts = args.threads.split(",").map(Number);
const rounds = Number(args.rounds);
if (!threadCounts.every((t) => Number.isInteger(t) && t >= 1) || !Number.isInteger(rounds) || rounds < 1) {
  throw new Error("--threads takes whole numbers ≥ 1 (e.g. 2,1); --rounds a whole number ≥ 1");
}
// config() (decoding limits) insists on a database URL; nothing here connects.
process.env.DATABASE_URL ??= "postgres://bench@127.0.0.1:5432/unused";

/** One timed pass over all images. */
interface Run {
  imagesPerS: number;
  cpuPerImage: number; // CPU seconds (all threads of the process) per image
  load: number; // 1-minute load average at the start
  stages: Record<string, number>; // seconds
}

const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(" ");

/** The demo generator's figures (JPEG and PNG, 320–900 px), made once and cached. */
async function imageFiles(): Promise<string[]> {
  const root = path.join(OUT, `features-${FIGURES}-seed${SEED}`);
  const dir = path.join(root, "records", "images");
  if (!existsSync(dir) || readdirSync(dir).length !== FIGURES) await generateDemoData(root, { figures: FIGURES, seed: SEED });
  return readdirSync(dir).sort().map((f) => path.join(dir, f));
}

function exportModel(): void {
  const out = spawnSync(PYTHON, [path.join(import.meta.dirname, "lib/resnet-export.py"), OUT], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`export failed (apt-get install python3-torch python3-torchvision): ${out.stderr || out.error?.message}`);
  console.log(out.stdout.trim());
}

/** The features of the last timed pass, to compare with PyTorch's logits. */
let lastResults: Float32Array[] = [];

async function timeExtractor(extractor: Extractor, images: Buffer[]): Promise<Run> {
  const load = os.loadavg()[0]!;
  const cpu = process.cpuUsage();
  const t = now();
  const results = await extractor.extract(images);
  const seconds = (now() - t) / 1000;
  const used = process.cpuUsage(cpu);
  const failed = results.filter((r) => !(r instanceof Float32Array));
  if (failed.length) throw new Error(`${extractor.id}: ${failed.length} images failed: ${JSON.stringify(failed[0])}`);
  lastResults = results as Float32Array[];
  return { imagesPerS: images.length / seconds, cpuPerImage: (used.user + used.system) / 1e6 / images.length, load, stages: { total: seconds } };
}

/**
 * Our preprocessing alone, as the extractor runs it (4 decodes in flight):
 * wall time, and the part spent on the main thread in the PIL-exact resample
 * and normalisation (synchronous, so the sum is exact); the rest is decoding.
 */
async function timePreprocess(images: Buffer[]): Promise<{ seconds: number; js: number }> {
  const out = new Float32Array(BATCH * TENSOR_SIZE);
  let js = 0;
  const t = now();
  await mapLimit(
    images.map((b, i) => [b, i] as const),
    4,
    async ([b, i]) => {
      const rgb = await decodeRgb(b);
      const s = now();
      normalizeInto(resizeAndCrop(rgb), out, (i % BATCH) * TENSOR_SIZE);
      js += now() - s;
    },
  );
  return { seconds: (now() - t) / 1000, js: js / 1000 };
}

interface TorchResult {
  wall_s: number;
  cpu_s: number;
  stages_s: Record<string, number>;
  torch: string;
  threads: number;
  blas: string[];
  openblas_env: Record<string, string>;
}

/** A fresh /usr/bin/python3 per round; start-up and model load are not timed. */
function timeTorch(files: string[], threads: number, logitsFile: string): { run: Run; info: TorchResult } {
  const load = os.loadavg()[0]!;
  // The environment goes through unchanged (OPENBLAS_* included): torch's convolutions run in oneDNN with its own threads.
  const script = path.join(import.meta.dirname, "lib/resnet-torch.py");
  const out = spawnSync(PYTHON, [script, WEIGHTS, String(threads), String(BATCH), logitsFile, ...files], { encoding: "utf8" });
  if (out.status !== 0) throw new Error(`PyTorch run failed: ${out.stderr || out.error?.message}`);
  const info = JSON.parse(out.stdout) as TorchResult;
  const run = { imagesPerS: files.length / info.wall_s, cpuPerImage: info.cpu_s / files.length, load, stages: { ...info.stages_s, total: info.wall_s } };
  return { run, info };
}

/** Largest |ours − torch| over all logits, and the largest |logit|, for scale. */
function compareLogits(ours: Float32Array[], file: string): { maxDiff: number; firstDiff: number; maxAbs: number } {
  const buf = readFileSync(file);
  const ref = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  const dim = ref.length / ours.length;
  let maxDiff = 0;
  let firstDiff = 0;
  let maxAbs = 0;
  ours.forEach((row, i) => {
    if (row.length !== dim) throw new Error(`logit size ${row.length} vs PyTorch's ${dim}`);
    for (let j = 0; j < dim; j++) {
      const d = Math.abs(row[j]! - ref[i * dim + j]!);
      maxDiff = Math.max(maxDiff, d);
      if (i === 0) firstDiff = Math.max(firstDiff, d);
      maxAbs = Math.max(maxAbs, Math.abs(ref[i * dim + j]!));
    }
  });
  return { maxDiff, firstDiff, maxAbs };
}

const best = (runs: Run[]) => Math.max(...runs.map((r) => r.imagesPerS));
const med = (runs: Run[], key: "imagesPerS" | "cpuPerImage" = "imagesPerS") => median(runs.map((r) => r[key]));
const medStage = (runs: Run[], stage: string) => median(runs.map((r) => r.stages[stage] ?? NaN));
const loads = (runs: Run[]) => `${fmt(Math.min(...runs.map((r) => r.load)), 1)}–${fmt(Math.max(...runs.map((r) => r.load)), 1)}`;
const rate = (runs: Run[]) => `${fmt(best(runs), 1)} / ${fmt(med(runs), 1)}`;
const ratio = (a: Run[], b: Run[]) => `${fmt(best(a) / best(b), 2)} / ${fmt(med(a) / med(b), 2)}`;

console.log(`P1 features: ${FIGURES} demo figures (seed ${SEED}), batch ${BATCH}, threads ${threadCounts.join(", ")}, ${rounds} rounds`);
console.log(`machine: ${machine()}`);
console.log(`load average at start: ${loadavg()}`);
exportModel();
const files = await imageFiles();
const images = await Promise.all(files.map((f) => readFile(f)));
console.log(`images: ${files.length} files, ${fmt(images.reduce((s, b) => s + b.length, 0) / 2 ** 20, 1)} MiB, in ${path.relative(process.cwd(), path.dirname(files[0]!))}`);

const rows: (string | number)[][] = [];
const notes: string[] = [];
for (const threads of threadCounts) {
  const onnx = await createOnnxExtractor({ modelPath: MODEL, batchSize: BATCH, threads });
  await onnx.extract(images.slice(0, BATCH)); // warm-up
  await builtinExtractor.extract(images.slice(0, BATCH));
  const ours: Run[] = [];
  const torch: Run[] = [];
  const builtin: Run[] = [];
  const prep: { seconds: number; js: number }[] = [];
  let info: TorchResult | undefined;
  for (let round = 1; round <= rounds; round++) {
    ours.push(await timeExtractor(onnx, images));
    const logitsFile = path.join(OUT, `features-torch-logits-t${threads}.f32`);
    const t = timeTorch(files, threads, round === 1 ? logitsFile : "-");
    if (round === 1) {
      const c = compareLogits(lastResults, logitsFile);
      notes.push(
        `T=${threads}: logits ONNX vs PyTorch, max |diff| ${c.maxDiff.toExponential(2)} over all ${FIGURES} images ` +
          `(first image ${c.firstDiff.toExponential(2)}; largest |logit| ${fmt(c.maxAbs, 2)})`,
      );
    }
    torch.push(t.run);
    info = t.info;
    builtin.push(await timeExtractor(builtinExtractor, images));
    prep.push(await timePreprocess(images));
    const line = (name: string, r: Run) => `${name} ${fmt(r.imagesPerS, 1)} img/s, ${fmt(r.cpuPerImage, 3)} CPU s/img (load ${fmt(r.load, 2)})`;
    console.log(`T=${threads} round ${round}: ${line("ONNX", ours.at(-1)!)}; ${line("PyTorch", torch.at(-1)!)}; ${line("builtin", builtin.at(-1)!)}`);
    console.log(`  load average now: ${loadavg()}`);
  }
  await onnx.close?.();

  const oursTotal = medStage(ours, "total");
  const prepS = median(prep.map((p) => p.seconds));
  const jsS = median(prep.map((p) => p.js));
  notes.push(
    `T=${threads} ONNX time (median of ${rounds}): ${fmt(oursTotal, 1)} s = preprocessing ${fmt(prepS, 1)} s ` +
      `(of which PIL-exact resample + normalise on the JS main thread ${fmt(jsS, 1)} s; sharp decodes alongside on libuv threads) ` +
      `+ inference ≈ ${fmt(oursTotal - prepS, 1)} s`,
  );
  notes.push(
    `T=${threads} PyTorch time (median of ${rounds}): ${fmt(medStage(torch, "total"), 1)} s = PIL decode ${fmt(medStage(torch, "decode"), 1)} s ` +
      `+ transforms ${fmt(medStage(torch, "transform"), 1)} s + forward ${fmt(medStage(torch, "forward"), 1)} s ` +
      `(torch ${info!.torch}, ${info!.threads} threads, libs ${info!.blas.join(", ") || "none found"}, env ${JSON.stringify(info!.openblas_env)})`,
  );
  rows.push(
    [`ResNet-50 ONNX (ours), T=${threads}`, rate(ours), fmt(med(ours, "cpuPerImage"), 3), loads(ours), ratio(ours, torch) + ` (goal ≥ ${GOAL_VS_TORCH})`],
    [`ResNet-50 PyTorch ${info!.torch}, T=${threads}`, rate(torch), fmt(med(torch, "cpuPerImage"), 3), loads(torch), "1"],
    [`builtin (runs with T=${threads} rounds)`, rate(builtin), fmt(med(builtin, "cpuPerImage"), 4), loads(builtin), ratio(builtin, ours) + ` × ONNX (goal ≥ ${GOAL_BUILTIN})`],
  );
}

console.log("");
console.log(table(["extractor", "images/s best / median", "CPU s/image (median)", "1-min load", "ratio best / median"], rows));
console.log("");
for (const n of notes) console.log(`- ${n}`);
console.log(`load average at end: ${loadavg()}`);
