// P2: PCA over 80,000 × 1,000 float32 features (k = 10): our pca() with the
// plain-JS Gram product (and with lib/onnx/gram.ts when that exists) against
// the reference's method, numpy.linalg.eigh of np.cov, run on the same data
// in the same run by Debian's /usr/bin/python3.
//   npm run bench:pca [-- --n 80000 --d 1000 --k 10 --repeat 1]
import { spawnSync } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { GramFn } from "@/lib/labels/math/gram";
import { pca, type Pca, type PcaStage } from "@/lib/labels/math/pca";
import { createRng } from "@/lib/labels/math/random";
import { machine } from "./lib/machine";
import { fmt, now, table } from "./lib/stats";

const GOAL_RATIO = 2; // × numpy
const GOAL_SECONDS = 5;
const PYTHON = "/usr/bin/python3";

const { values: args } = parseArgs({
  options: {
    n: { type: "string", default: "80000" },
    d: { type: "string", default: "1000" },
    k: { type: "string", default: "10" },
    repeat: { type: "string", default: "1" },
  },
});
const [n, d, k, repeat] = [args.n, args.d, args.k, args.repeat].map(Number) as [number, number, number, number];
if (![n, d, k, repeat].every((x) => Number.isInteger(x) && x >= 1) || n < 2 || k > d) {
  throw new Error("--n, --d, --k, --repeat must be whole numbers with n ≥ 2 and k ≤ d");
}

/**
 * Deterministic features with a known structure: 12 latent directions with
 * standard deviations 10·0.8^j (distinct, so each of the top 10 components
 * is well defined and can be matched one to one), isotropic unit noise, and a
 * per-column offset so centring matters.
 */
function features(seed = 1): Float32Array {
  const rng = createRng(seed);
  const latent = 12;
  const dirs = Array.from({ length: latent }, () => {
    const v = Float64Array.from({ length: d }, () => rng.normal());
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
  const offset = Float64Array.from({ length: d }, () => 5 * rng.normal());
  const X = new Float32Array(n * d);
  const row = new Float64Array(d);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < d; i++) row[i] = offset[i]! + rng.normal();
    for (let j = 0; j < latent; j++) {
      const z = 10 * 0.8 ** j * rng.normal();
      const dir = dirs[j]!;
      for (let i = 0; i < d; i++) row[i]! += z * dir[i]!;
    }
    X.set(row, r * d);
  }
  return X;
}

interface Timed {
  seconds: number;
  /** CPU seconds of this process, all threads: less distorted than wall
   * time when other jobs share the machine. */
  cpu: number;
  stages: Partial<Record<PcaStage, number>>;
  result: Pca;
}

/** Best of `repeat` runs, with the time spent in each stage of that run. */
async function timePca(X: Float32Array, gram?: GramFn): Promise<Timed> {
  let best: Timed | undefined;
  for (let i = 0; i < repeat; i++) {
    const stages: Partial<Record<PcaStage, number>> = {};
    let stage: PcaStage | undefined;
    let mark = now();
    const start = mark;
    const cpuStart = process.cpuUsage();
    const result = await pca(X, n, d, k, {
      gram,
      onStage: (next) => {
        const t = now();
        if (stage) stages[stage] = (t - mark) / 1000;
        [stage, mark] = [next, t];
      },
    });
    const end = now();
    if (stage) stages[stage] = (end - mark) / 1000;
    const seconds = (end - start) / 1000;
    const cpuUsed = process.cpuUsage(cpuStart);
    const cpu = (cpuUsed.user + cpuUsed.system) / 1e6;
    if (!best || seconds < best.seconds) best = { seconds, cpu, stages, result };
  }
  return best!;
}

interface NumpyRun {
  load_s: number;
  cov_s: number;
  eigh_s: number;
  scores_s: number;
  cpu_s: number;
  values: number[];
  vectors: number[][];
  numpy: string;
  blas: string;
}

// The reference's method: np.cov (float64, centred, / (n−1)), eigh, then the
// top-k scores, timed apart from reading the file; best of `repeat`.
const NUMPY_SCRIPT = `
import json, re, sys, time
import numpy as np
path, n, d, k, repeat = sys.argv[1], *map(int, sys.argv[2:6])
t = time.perf_counter()
X = np.fromfile(path, dtype=np.float32).reshape(n, d)
load = time.perf_counter() - t
best = None
for _ in range(repeat):
    t0, c0 = time.perf_counter(), time.process_time()
    C = np.cov(X, rowvar=False)
    t1 = time.perf_counter()
    w, V = np.linalg.eigh(C)
    t2 = time.perf_counter()
    order = np.argsort(w)[::-1][:k]
    w, V = w[order], V[:, order]
    # float32 GEMM, then the mean's projection subtracted: no float64 copy of X
    scores = X @ V.astype(np.float32) - (X.mean(axis=0, dtype=np.float64) @ V).astype(np.float32)
    t3, c3 = time.perf_counter(), time.process_time()
    if best is None or t3 - t0 < best[0]:
        best = (t3 - t0, t1 - t0, t2 - t1, t3 - t2, c3 - c0)
try:
    from threadpoolctl import threadpool_info
    info = threadpool_info()
except ImportError:
    info = []
if info:
    blas = "; ".join(f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')}, {i.get('num_threads')} threads" for i in info)
else:  # e.g. Debian's reference BLAS, which threadpoolctl does not know
    maps = open("/proc/self/maps").read()
    blas = "threadpoolctl found none; loaded: " + ", ".join(sorted(set(re.findall(r"/\\S*(?:blas|lapack)\\S*", maps))))
json.dump({"load_s": load, "cov_s": best[1], "eigh_s": best[2], "scores_s": best[3], "cpu_s": best[4],
           "values": w.tolist(), "vectors": V.T.tolist(), "numpy": np.__version__, "blas": blas}, sys.stdout)
`;

function runNumpy(file: string): NumpyRun {
  // OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be pinned on this machine for
  // old OpenBLAS builds; they slow a current one, so drop both (together,
  // for this child only) and let it pick its kernel.
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const out = spawnSync(PYTHON, ["-c", NUMPY_SCRIPT, file, String(n), String(d), String(k), String(repeat)], {
    env,
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (out.status !== 0) throw new Error(`numpy run failed (${PYTHON} with python3-numpy needed): ${out.stderr || out.error?.message}`);
  return JSON.parse(out.stdout) as NumpyRun;
}

/** The smallest |cos| between our component t and numpy's component t. */
function minAbsCos(ours: Pca, ref: NumpyRun): number {
  let worst = 1;
  for (let t = 0; t < k; t++) {
    const v = ref.vectors[t]!;
    let c = 0;
    for (let i = 0; i < d; i++) c += ours.components[t * d + i]! * v[i]!;
    worst = Math.min(worst, Math.abs(c));
  }
  return worst;
}

function maxRelVarianceDiff(ours: Pca, ref: NumpyRun): number {
  return Math.max(...ref.values.map((v, t) => Math.abs(ours.variances[t]! - v) / v));
}

/** lib/onnx/gram.ts is someone else's module and may not exist yet: load it only if it does. */
async function onnxGram(): Promise<GramFn | undefined> {
  const file = path.resolve(import.meta.dirname, "../lib/onnx/gram.ts");
  if (!existsSync(file)) return undefined;
  const mod = (await import(pathToFileURL(file).href)) as { gram?: unknown };
  return typeof mod.gram === "function" ? (mod.gram as GramFn) : undefined;
}

console.log(`P2 PCA: ${fmt(n)} × ${fmt(d)} float32, k = ${k}, best of ${repeat}`);
console.log(`machine: ${machine()}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")}`);
let t = now();
const X = features();
console.log(`data generated in ${fmt((now() - t) / 1000, 1)} s`);
const file = path.join(os.tmpdir(), `pca-bench-${process.pid}.f32`);
try {
  writeFileSync(file, new Uint8Array(X.buffer, X.byteOffset, X.byteLength));
  t = now();
  const ref = runNumpy(file);
  console.log(`numpy ${ref.numpy} (${fmt((now() - t) / 1000, 1)} s with start-up and load); BLAS: ${ref.blas}`);
  if (!/openblas|mkl|blis/i.test(ref.blas)) {
    console.log("WARNING: numpy is not on an optimised BLAS (python3-numpy alone brings the reference one); apt-get install libopenblas0-pthread for a fair comparison");
  }
  const numpyS = ref.cov_s + ref.eigh_s + ref.scores_s;

  const rows: (string | number)[][] = [
    [
      "numpy: np.cov + eigh + scores",
      fmt(numpyS, 2),
      fmt(ref.cpu_s, 2),
      `cov ${fmt(ref.cov_s, 2)}, eigh ${fmt(ref.eigh_s, 2)}, scores ${fmt(ref.scores_s, 2)}; load ${fmt(ref.load_s, 2)} (not counted)`,
      "1.00",
      "(reference)",
      "",
    ],
  ];
  const ours: [string, GramFn | undefined][] = [["pca(), plain-JS gram (1 thread)", undefined]];
  const onnx = await onnxGram().catch((e: unknown) => {
    console.log(`lib/onnx/gram.ts present but failed to load: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  });
  if (onnx) ours.push(["pca(), lib/onnx/gram.ts", onnx]);
  else console.log("lib/onnx/gram.ts with a `gram` export not found: measuring the plain-JS gram only");

  for (const [label, gram] of ours) {
    try {
      const run = await timePca(X, gram);
      const s = run.stages;
      const ratio = run.seconds / numpyS;
      const met = ratio <= GOAL_RATIO && run.seconds <= GOAL_SECONDS;
      rows.push([
        label,
        fmt(run.seconds, 2),
        fmt(run.cpu, 2),
        `gram ${fmt(s.gram ?? 0, 2)}, eigen ${fmt(s.eigen ?? 0, 2)}, scores ${fmt(s.scores ?? 0, 2)}`,
        fmt(ratio, 2),
        `${fmt(minAbsCos(run.result, ref), 6)} ${minAbsCos(run.result, ref) > 0.999 ? "(> 0.999: agree)" : "(DISAGREE)"}; variances within ${maxRelVarianceDiff(run.result, ref).toExponential(1)}`,
        met ? "met" : "missed",
      ]);
    } catch (e) {
      rows.push([label, "failed", "", e instanceof Error ? e.message : String(e), "", "", ""]);
    }
  }
  console.log();
  console.log(
    table(
      ["method", "compute s", "CPU s (all threads)", "stages (s)", "× numpy", "min |cos| vs numpy (matched components)", `goal ≤ ${GOAL_RATIO}× and ≤ ${GOAL_SECONDS} s`],
      rows,
    ),
  );
} finally {
  rmSync(file, { force: true });
}
